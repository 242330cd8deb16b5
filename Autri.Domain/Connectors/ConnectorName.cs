namespace Autri.Domain.Connectors;

/// <summary>
/// What a connector may be called: 1–64 characters of letters, digits, spaces and <c>- _ .</c>, trimmed.
/// Letters include non-English ones; nothing that could break out of a config file, a shell line or a log.
/// </summary>
public static class ConnectorName
{
    public const int MaxLength = 64;

    /// <summary>The name as it will be stored: trimmed, empty when <paramref name="raw"/> is null.</summary>
    public static string Normalize(string? raw) => (raw ?? "").Trim();

    /// <summary>Null when the normalized name is acceptable, else a sentence saying what to change.</summary>
    public static string? Problem(string normalized)
    {
        if (normalized.Length == 0) return "Enter a name for the connector.";
        if (normalized.Length > MaxLength) return $"Use at most {MaxLength} characters for the name (this one has {normalized.Length}).";
        foreach (var c in normalized)
        {
            if (!IsAllowed(c)) return $"Use only letters, digits, spaces and - _ . in the name (\"{Printable(c)}\" is not allowed).";
        }
        if (normalized.Contains("  ", StringComparison.Ordinal)) return "Use single spaces between words in the name.";
        return null;
    }

    public static bool IsValid(string? raw) => Problem(Normalize(raw)) is null;

    private static bool IsAllowed(char c) => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.';

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : c.ToString();
}
