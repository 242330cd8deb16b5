namespace Autri.Infra.Aws.Logs;

// Requests and responses of the CloudWatch Logs operations we call, named as in AWSSDK.CloudWatchLogs.
// On the wire Logs spells members in camelCase (queryId, logGroupNames); AwsService.Logs handles that.
// Times: StartQuery's startTime/endTime are epoch seconds; creationTime/lastModified/createTime are epoch ms.

public sealed record StartQueryRequest
{
    public string? QueryLanguage { get; init; }
    public string? LogGroupName { get; init; }
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
    public int? MaxItems { get; init; }
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
    public double? EstimatedRecordsSkipped { get; init; }
    public double? BytesScanned { get; init; }
    public double? EstimatedBytesSkipped { get; init; }
    public double? LogGroupsScanned { get; init; }
}

/// <summary>Status: Scheduled | Running | Complete | Failed | Cancelled | Timeout | Unknown.</summary>
public sealed record GetQueryResultsResponse
{
    public string? QueryLanguage { get; init; }
    public List<List<ResultField>>? Results { get; init; }
    public QueryStatistics? Statistics { get; init; }
    public string? Status { get; init; }
    public string? EncryptionKey { get; init; }
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

public sealed record QueryParameter
{
    public required string Name { get; init; }
    public string? DefaultValue { get; init; }
    public string? Description { get; init; }
}

public sealed record QueryDefinition
{
    public string? QueryLanguage { get; init; }
    public string? QueryDefinitionId { get; init; }
    public string? Name { get; init; }
    public string? QueryString { get; init; }
    public long? LastModified { get; init; }
    public List<string>? LogGroupNames { get; init; }
    public List<QueryParameter>? Parameters { get; init; }
}

public sealed record DescribeQueryDefinitionsRequest
{
    public string? QueryLanguage { get; init; }
    public string? QueryDefinitionNamePrefix { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
}

public sealed record DescribeQueryDefinitionsResponse
{
    public List<QueryDefinition>? QueryDefinitions { get; init; }
    public string? NextToken { get; init; }
}

public sealed record PutQueryDefinitionRequest
{
    public string? QueryLanguage { get; init; }
    public required string Name { get; init; }
    public string? QueryDefinitionId { get; init; }
    public List<string>? LogGroupNames { get; init; }
    public required string QueryString { get; init; }

    /// <summary>An idempotency token; the client fills a new GUID when left null, as the SDK does.</summary>
    public string? ClientToken { get; init; }

    public List<QueryParameter>? Parameters { get; init; }
}

public sealed record PutQueryDefinitionResponse
{
    public string? QueryDefinitionId { get; init; }
}

public sealed record DeleteQueryDefinitionRequest
{
    public required string QueryDefinitionId { get; init; }
}

public sealed record DeleteQueryDefinitionResponse
{
    public bool? Success { get; init; }
}

public sealed record DescribeLogGroupsRequest
{
    public List<string>? AccountIdentifiers { get; init; }
    public string? LogGroupNamePrefix { get; init; }
    public string? LogGroupNamePattern { get; init; }
    public string? NextToken { get; init; }
    public int? Limit { get; init; }
    public bool? IncludeLinkedAccounts { get; init; }
    public string? LogGroupClass { get; init; }
    public List<string>? LogGroupIdentifiers { get; init; }
}

public sealed record LogGroup
{
    public string? LogGroupName { get; init; }
    public long? CreationTime { get; init; }
    public int? RetentionInDays { get; init; }
    public int? MetricFilterCount { get; init; }
    public string? Arn { get; init; }
    public long? StoredBytes { get; init; }
    public string? KmsKeyId { get; init; }
    public string? DataProtectionStatus { get; init; }
    public List<string>? InheritedProperties { get; init; }
    public string? LogGroupClass { get; init; }
    public string? LogGroupArn { get; init; }
    public bool? DeletionProtectionEnabled { get; init; }
    public bool? BearerTokenAuthenticationEnabled { get; init; }
}

public sealed record DescribeLogGroupsResponse
{
    public List<LogGroup>? LogGroups { get; init; }
    public string? NextToken { get; init; }
}

public sealed record DescribeQueriesRequest
{
    public string? LogGroupName { get; init; }
    public string? Status { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
    public string? QueryLanguage { get; init; }
}

public sealed record QueryInfo
{
    public string? QueryLanguage { get; init; }
    public string? QueryId { get; init; }
    public string? QueryString { get; init; }
    public string? Status { get; init; }
    public long? CreateTime { get; init; }
    public string? LogGroupName { get; init; }
    public long? QueryDuration { get; init; }
    public double? BytesScanned { get; init; }
    public string? UserIdentity { get; init; }
}

public sealed record DescribeQueriesResponse
{
    public List<QueryInfo>? Queries { get; init; }
    public string? NextToken { get; init; }
}
