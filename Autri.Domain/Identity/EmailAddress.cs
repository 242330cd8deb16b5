namespace Autri.Domain.Identity;

/// <summary>Email normalization and validation shared by the allowlist, sign-in and notifications.</summary>
public static partial class EmailAddress
{
    /// <summary>Trimmed and lower-cased: the allowlist and user lookups compare on this form.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Null when <paramref name="normalized"/> is acceptable, else the reason it is not.</summary>
    public static string? Problem(string normalized)
    {
        if (normalized.Length == 0) return "is empty";
        if (normalized.Length > 254) return "is longer than 254 characters";
        if (normalized.Any(char.IsWhiteSpace)) return "contains a space";
        var at = normalized.IndexOf('@');
        if (at < 0) return "has no @";
        if (at != normalized.LastIndexOf('@')) return "has more than one @";
        if (at == 0) return "has nothing before the @";
        if (at > 64) return "has more than 64 characters before the @";
        var domain = normalized[(at + 1)..];
        if (domain.Length == 0) return "has nothing after the @";
        if (!domain.Contains('.')) return "has no dot in the domain";
        if (!DomainPattern().IsMatch(domain)) return "has an invalid domain";
        if (!LocalPattern().IsMatch(normalized[..at])) return "has characters not allowed before the @";
        return null;
    }

    public static bool IsValid(string email) => Problem(Normalize(email)) is null;

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")]
    private static partial Regex LocalPattern();
}
