namespace Autri.Infra.Aws.CostExplorer;

// Requests and responses of the Cost Explorer operations we call, named as in AWSSDK.CostExplorer.
// Dates are strings "yyyy-MM-dd" (End is exclusive); amounts are decimal strings, as AWS sends them.

public sealed record DateInterval
{
    public required string Start { get; init; }
    public required string End { get; init; }
}

/// <summary>Type: DIMENSION | TAG | COST_CATEGORY.</summary>
public sealed record GroupDefinition
{
    public string? Type { get; init; }
    public string? Key { get; init; }
}

public sealed record MetricValue
{
    public string? Amount { get; init; }
    public string? Unit { get; init; }
}

/// <summary>Keys of a TAG group look like "cost-bucket$data"; untagged costs are in "cost-bucket$".</summary>
public sealed record Group
{
    public List<string>? Keys { get; init; }
    public Dictionary<string, MetricValue>? Metrics { get; init; }
}

public sealed record ResultByTime
{
    public DateInterval? TimePeriod { get; init; }
    public Dictionary<string, MetricValue>? Total { get; init; }
    public List<Group>? Groups { get; init; }
    public bool? Estimated { get; init; }
}

public sealed record GetCostAndUsageRequest
{
    public required DateInterval TimePeriod { get; init; }
    public required string Granularity { get; init; }
    public required List<string> Metrics { get; init; }
    public List<GroupDefinition>? GroupBy { get; init; }
    public string? NextPageToken { get; init; }
}

public sealed record GetCostAndUsageResponse
{
    public string? NextPageToken { get; init; }
    public List<GroupDefinition>? GroupDefinitions { get; init; }
    public List<ResultByTime>? ResultsByTime { get; init; }
}

public sealed record GetCostForecastRequest
{
    public required DateInterval TimePeriod { get; init; }

    /// <summary>BLENDED_COST | UNBLENDED_COST | AMORTIZED_COST | NET_UNBLENDED_COST | NET_AMORTIZED_COST | USAGE_QUANTITY | NORMALIZED_USAGE_AMOUNT.</summary>
    public required string Metric { get; init; }

    public required string Granularity { get; init; }
    public int? PredictionIntervalLevel { get; init; }
}

public sealed record ForecastResult
{
    public DateInterval? TimePeriod { get; init; }
    public string? MeanValue { get; init; }
    public string? PredictionIntervalLowerBound { get; init; }
    public string? PredictionIntervalUpperBound { get; init; }
}

public sealed record GetCostForecastResponse
{
    public MetricValue? Total { get; init; }
    public List<ForecastResult>? ForecastResultsByTime { get; init; }
}
