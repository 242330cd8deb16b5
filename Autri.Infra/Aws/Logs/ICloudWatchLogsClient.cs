namespace Autri.Infra.Aws.Logs;

/// <summary>
/// CloudWatch Logs Insights, shaped like AWSSDK.CloudWatchLogs' IAmazonCloudWatchLogs. StartQuery's
/// LimitExceededException ("too many concurrent queries") is not retried here: the caller decides.
/// </summary>
public interface ICloudWatchLogsClient
{
    Task<StartQueryResponse> StartQueryAsync(StartQueryRequest request, CancellationToken ct = default);
    Task<GetQueryResultsResponse> GetQueryResultsAsync(GetQueryResultsRequest request, CancellationToken ct = default);
    Task<StopQueryResponse> StopQueryAsync(StopQueryRequest request, CancellationToken ct = default);
}
