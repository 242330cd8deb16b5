namespace Autri.Infra.Aws.Ssm;

// Requests and responses of the SSM operations we call, named as in AWSSDK.SimpleSystemsManagement so callers
// could move to the official package unchanged. Enum-valued members are strings (see SsmParameterType).

public static class SsmParameterType
{
    public const string String = "String";
    public const string StringList = "StringList";
    public const string SecureString = "SecureString";
}

public sealed record Parameter
{
    public string? Name { get; init; }
    public string? Type { get; init; }
    public string? Value { get; init; }
    public long? Version { get; init; }
    public string? Selector { get; init; }
    public DateTime? LastModifiedDate { get; init; }
    public string? ARN { get; init; }
    public string? DataType { get; init; }
}

public sealed record ParameterHistory
{
    public string? Name { get; init; }
    public string? Type { get; init; }
    public string? KeyId { get; init; }
    public DateTime? LastModifiedDate { get; init; }
    public string? LastModifiedUser { get; init; }
    public string? Description { get; init; }
    public string? Value { get; init; }
    public string? AllowedPattern { get; init; }
    public long? Version { get; init; }
    public string? Tier { get; init; }
    public string? DataType { get; init; }
}

public sealed record ParameterStringFilter
{
    public required string Key { get; init; }
    public string? Option { get; init; }
    public List<string>? Values { get; init; }
}

public sealed record GetParameterRequest
{
    public required string Name { get; init; }
    public bool? WithDecryption { get; init; }
}

public sealed record GetParameterResponse
{
    public Parameter? Parameter { get; init; }
}

public sealed record PutParameterRequest
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string Value { get; init; }
    public string? Type { get; init; }
    public string? KeyId { get; init; }
    public bool? Overwrite { get; init; }
    public string? AllowedPattern { get; init; }
    public string? Tier { get; init; }
    public string? DataType { get; init; }
}

public sealed record PutParameterResponse
{
    public long Version { get; init; }
    public string? Tier { get; init; }
}

public sealed record GetParameterHistoryRequest
{
    public required string Name { get; init; }
    public bool? WithDecryption { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
}

public sealed record GetParameterHistoryResponse
{
    public List<ParameterHistory>? Parameters { get; init; }
    public string? NextToken { get; init; }
}

public sealed record GetParametersByPathRequest
{
    public required string Path { get; init; }
    public bool? Recursive { get; init; }
    public List<ParameterStringFilter>? ParameterFilters { get; init; }
    public bool? WithDecryption { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
}

public sealed record GetParametersByPathResponse
{
    public List<Parameter>? Parameters { get; init; }
    public string? NextToken { get; init; }
}
