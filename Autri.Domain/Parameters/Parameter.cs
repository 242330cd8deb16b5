namespace Autri.Domain.Parameters;

public enum ParameterType { String, StringList, SecureString }

public sealed record Parameter(
    string Name,
    ParameterType Type,
    string Value,
    long Version,
    DateTimeOffset LastModified);

public sealed record ParameterVersion(
    string Name,
    ParameterType Type,
    string Value,
    long Version,
    DateTimeOffset LastModified,
    string? LastModifiedUser,
    string? Description);

public sealed record PutParameter(
    string Name,
    string Value,
    ParameterType Type,
    bool Overwrite,
    string? Description = null);

public sealed record ParameterPage(IReadOnlyList<Parameter> Parameters, string? NextToken);
