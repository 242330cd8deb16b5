namespace Autri.Infra.Aws.Ssm;

public sealed class SsmClient(AwsJsonClient client) : ISsmClient
{
    public Task<GetParameterResponse> GetParameterAsync(GetParameterRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Name, nameof(request.Name));
        return client.InvokeAsync<GetParameterRequest, GetParameterResponse>("GetParameter", request, ct);
    }

    public Task<GetParametersResponse> GetParametersAsync(GetParametersRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Names, nameof(request.Names));
        return client.InvokeAsync<GetParametersRequest, GetParametersResponse>("GetParameters", request, ct);
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

    public Task<DeleteParameterResponse> DeleteParameterAsync(DeleteParameterRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Name, nameof(request.Name));
        return client.InvokeAsync<DeleteParameterRequest, DeleteParameterResponse>("DeleteParameter", request, ct);
    }

    public Task<LabelParameterVersionResponse> LabelParameterVersionAsync(LabelParameterVersionRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Name, nameof(request.Name));
        Require.NotEmpty(request.Labels, nameof(request.Labels));
        return client.InvokeAsync<LabelParameterVersionRequest, LabelParameterVersionResponse>("LabelParameterVersion", request, ct);
    }
}
