using System.Text.RegularExpressions;

namespace Autri.Infra.Parameters;

/// <summary>
/// SSM Parameter Store's rules for names, values and descriptions, so the local adapter refuses what SSM
/// refuses, with the same error codes. Also the shared limits (history size, page size, the SecureString mask).
/// </summary>
public static partial class ParameterRules
{
    /// <summary>SSM keeps the 100 most recent versions and drops the oldest on the next write.</summary>
    public const int MaxVersions = 100;

    /// <summary>The standard tier's value limit, in characters.</summary>
    public const int MaxValueLength = 4096;

    public const int MaxDescriptionLength = 1024;

    /// <summary>GetParametersByPath returns at most 10 parameters a page.</summary>
    public const int PageSize = 10;

    /// <summary>
    /// What listings (by path, history) show instead of a SecureString value: the empty string, which no real
    /// value can be (SSM refuses empty values). Only <see cref="IParameterStore.GetAsync"/> reveals the value.
    /// </summary>
    public const string MaskedValue = "";

    public static void CheckPut(PutParameter p)
    {
        CheckName(p.Name);
        if (p.Value.Length == 0) throw Invalid("Parameter value must not be empty.");
        if (p.Value.Length > MaxValueLength)
            throw Invalid($"Standard tier parameters support a maximum parameter value of {MaxValueLength} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.");
        if (p.Description is { Length: > MaxDescriptionLength })
            throw Invalid($"Description must be at most {MaxDescriptionLength} characters.");
    }

    public static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name) || (name.Contains('/') && !name.StartsWith('/')) || name.Contains("//") || name.Length > 1011)
            throw Invalid("Parameter name must use only letters, numbers, . - _ and /, and a hierarchical name must begin with /.");
        var first = name.TrimStart('/');
        if (first.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || first.StartsWith("ssm", StringComparison.OrdinalIgnoreCase))
            throw Invalid("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
    }

    public static void CheckPath(string path)
    {
        if (!path.StartsWith('/')) throw Invalid("A parameter path must begin with a forward slash \"/\".");
        if (path != "/") CheckName(path.TrimEnd('/'));
    }

    public static ParameterType ParseType(string? type) => type switch
    {
        "String" => ParameterType.String,
        "StringList" => ParameterType.StringList,
        "SecureString" => ParameterType.SecureString,
        _ => throw new ParameterStoreException("InternalError", $"Unknown parameter type '{type}'"),
    };

    public static ParameterStoreException Invalid(string message) => new("ValidationException", message);

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-/]+$")]
    private static partial Regex NamePattern();
}
