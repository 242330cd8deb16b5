using Autri.Infra.Aws.Ssm;
using Parameter = Autri.Domain.Parameters.Parameter;

namespace Autri.Infra.Parameters;

/// <summary>
/// The parameter store on SSM Parameter Store. AWS error codes pass through unchanged as
/// <see cref="ParameterStoreException.Code"/>. GetAsync decrypts; listings (by path, history) never decrypt and
/// show <see cref="ParameterRules.MaskedValue"/> for SecureString values. The value limit is the account's
/// default tier's (Standard: 4096 characters) since the adapter does not set a tier.
/// </summary>
public sealed class SsmParameterStore(ISsmClient ssm) : IParameterStore
{
    public Task<Parameter> GetAsync(string name, CancellationToken ct = default) => Map(async () =>
    {
        var p = (await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, ct)).Parameter
            ?? throw new ParameterStoreException("ParameterNotFound", $"Parameter {name} not found.");
        return ToParameter(p, mask: false);
    });

    public Task<long> PutAsync(PutParameter request, CancellationToken ct = default) => Map(async () =>
    {
        var put = await ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = request.Name,
            Value = request.Value,
            Type = request.Type.ToString(),
            Overwrite = request.Overwrite,
            Description = request.Description,
        }, ct);
        return put.Version;
    });

    public Task<IReadOnlyList<ParameterVersion>> GetHistoryAsync(string name, CancellationToken ct = default) => Map(async () =>
    {
        var versions = new List<ParameterVersion>();
        string? token = null;
        do
        {
            var page = await ssm.GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = name, WithDecryption = false, MaxResults = 50, NextToken = token }, ct);
            foreach (var h in page.Parameters ?? [])
            {
                var type = ParameterRules.ParseType(h.Type);
                versions.Add(new ParameterVersion(h.Name ?? name, type, type == ParameterType.SecureString ? ParameterRules.MaskedValue : h.Value ?? "",
                    h.Version ?? 0, ToOffset(h.LastModifiedDate), h.LastModifiedUser, h.Description));
            }
            token = page.NextToken;
        } while (token is not null);
        return (IReadOnlyList<ParameterVersion>)versions;
    });

    public Task<ParameterPage> GetByPathAsync(string path, bool recursive, string? nextToken, CancellationToken ct = default) => Map(async () =>
    {
        var page = await ssm.GetParametersByPathAsync(new GetParametersByPathRequest
        {
            Path = path,
            Recursive = recursive,
            WithDecryption = false,
            MaxResults = ParameterRules.PageSize,
            NextToken = nextToken,
        }, ct);
        return new ParameterPage((page.Parameters ?? []).Select(p => ToParameter(p, mask: true)).ToList(), page.NextToken);
    });

    private static Parameter ToParameter(Aws.Ssm.Parameter p, bool mask)
    {
        var type = ParameterRules.ParseType(p.Type);
        var value = mask && type == ParameterType.SecureString ? ParameterRules.MaskedValue : p.Value ?? "";
        return new Parameter(p.Name ?? "", type, value, p.Version ?? 0, ToOffset(p.LastModifiedDate));
    }

    private static DateTimeOffset ToOffset(DateTime? t) =>
        t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : DateTimeOffset.MinValue;

    private static async Task<T> Map<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AwsServiceException e)
        {
            throw new ParameterStoreException(e.ErrorCode, e.Message, e);
        }
        catch (ArgumentException e)
        {
            // The client's own guards (an empty name, say): SSM would have answered ValidationException.
            throw new ParameterStoreException("ValidationException", e.Message, e);
        }
    }
}
