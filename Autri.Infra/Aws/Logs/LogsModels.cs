namespace Autri.Infra.Aws.Logs;

// Requests and responses of the CloudWatch Logs operations we call, named as in AWSSDK.CloudWatchLogs.
// On the wire Logs spells members in camelCase (queryId, logGroupNames); AwsService.Logs handles that.
// Times: StartQuery's startTime/endTime are epoch seconds.

public sealed record StartQueryRequest
{
    public List<string>? LogGroupNames { get; init; }
    public List<string>? LogGroupIdentifiers { get; init; }
    public required long StartTime { get; init; }
    public required long EndTime { get; init; }
    public required string QueryString { get; init; }
    public int? Limit { get; init; }
}

public sealed record StartQueryResponse
{
    public string? QueryId { get; init; }
}

public sealed record GetQueryResultsRequest
{
    public required string QueryId { get; init; }
    public string? NextToken { get; init; }
}

public sealed record ResultField
{
    public string? Field { get; init; }
    public string? Value { get; init; }
}

public sealed record QueryStatistics
{
    public double? RecordsMatched { get; init; }
    public double? RecordsScanned { get; init; }
    public double? BytesScanned { get; init; }
}

/// <summary>Status: Scheduled | Running | Complete | Failed | Cancelled | Timeout | Unknown.</summary>
public sealed record GetQueryResultsResponse
{
    public List<List<ResultField>>? Results { get; init; }
    public QueryStatistics? Statistics { get; init; }
    public string? Status { get; init; }
    public string? NextToken { get; init; }
}

public sealed record StopQueryRequest
{
    public required string QueryId { get; init; }
}

public sealed record StopQueryResponse
{
    public bool? Success { get; init; }
}
