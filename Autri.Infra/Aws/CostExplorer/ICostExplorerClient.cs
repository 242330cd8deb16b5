namespace Autri.Infra.Aws.CostExplorer;

/// <summary>
/// Cost Explorer, shaped like AWSSDK.CostExplorer's IAmazonCostExplorer. Each call costs money (USD 0.01 per
/// request at the time of writing), so callers cache. Its LimitExceededException is a rate limit and is retried.
/// </summary>
public interface ICostExplorerClient
{
    Task<GetCostAndUsageResponse> GetCostAndUsageAsync(GetCostAndUsageRequest request, CancellationToken ct = default);
    Task<GetCostForecastResponse> GetCostForecastAsync(GetCostForecastRequest request, CancellationToken ct = default);
}
