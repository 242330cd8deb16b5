namespace Autri.Infra.Aws.Ssm;

public sealed class SsmClient(AwsJsonClient client) : ISsmClient
{
    public Task<GetParameterResponse> GetParameterAsync(GetParameterRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Name, nameof(request.Name));
        return client.InvokeAsync<GetParameterRequest, GetParameterResponse>("GetParameter", request, ct);
    }

    public Task<PutParameterResponse> PutParameterAsync(PutParameterRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Name, nameof(request.Name));
        Require.NotNull(request.Value, nameof(request.Value));
        return client.InvokeAsync<PutParameterRequest, PutParameterResponse>("PutParameter", request, ct);
    }

    public Task<GetParameterHistoryResponse> GetParameterHistoryAsync(GetParameterHistoryRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Name, nameof(request.Name));
        return client.InvokeAsync<GetParameterHistoryRequest, GetParameterHistoryResponse>("GetParameterHistory", request, ct);
    }

    public Task<GetParametersByPathResponse> GetParametersByPathAsync(GetParametersByPathRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Path, nameof(request.Path));
        return client.InvokeAsync<GetParametersByPathRequest, GetParametersByPathResponse>("GetParametersByPath", request, ct);
    }
}
