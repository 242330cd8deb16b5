namespace Autri.Infra.Aws.Ssm;

/// <summary>SSM Parameter Store, shaped like AWSSDK.SimpleSystemsManagement's IAmazonSimpleSystemsManagement.</summary>
public interface ISsmClient
{
    Task<GetParameterResponse> GetParameterAsync(GetParameterRequest request, CancellationToken ct = default);
    Task<PutParameterResponse> PutParameterAsync(PutParameterRequest request, CancellationToken ct = default);
    Task<GetParameterHistoryResponse> GetParameterHistoryAsync(GetParameterHistoryRequest request, CancellationToken ct = default);
    Task<GetParametersByPathResponse> GetParametersByPathAsync(GetParametersByPathRequest request, CancellationToken ct = default);
}
