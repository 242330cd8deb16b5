namespace Autri.Infra.Aws.CostExplorer;

public sealed class CostExplorerClient(AwsJsonClient client) : ICostExplorerClient
{
    public Task<GetCostAndUsageResponse> GetCostAndUsageAsync(GetCostAndUsageRequest request, CancellationToken ct = default)
    {
        Require.NotNull(request.TimePeriod, nameof(request.TimePeriod));
        Require.NotEmpty(request.Granularity, nameof(request.Granularity));
        Require.NotEmpty(request.Metrics, nameof(request.Metrics));
        return client.InvokeAsync<GetCostAndUsageRequest, GetCostAndUsageResponse>("GetCostAndUsage", request, ct);
    }

    public Task<GetCostForecastResponse> GetCostForecastAsync(GetCostForecastRequest request, CancellationToken ct = default)
    {
        Require.NotNull(request.TimePeriod, nameof(request.TimePeriod));
        Require.NotEmpty(request.Metric, nameof(request.Metric));
        Require.NotEmpty(request.Granularity, nameof(request.Granularity));
        return client.InvokeAsync<GetCostForecastRequest, GetCostForecastResponse>("GetCostForecast", request, ct);
    }
}
