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

    /// <summary>
    /// A valid name made from text someone else chose (an OAuth client's self-declared <c>client_name</c>): characters
    /// a name may not hold become spaces, runs of spaces one, and it is cut to leave room for <see cref="Numbered"/>'s
    /// suffix. Empty results fall back to <paramref name="fallback"/>.
    /// </summary>
    public static string FromClientName(string? clientName, string fallback)
    {
        var chars = (clientName ?? "").Select(c => IsAllowed(c) ? c : ' ').ToArray();
        var name = string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (name.Length > MaxLength - 4) name = name[..(MaxLength - 4)].TrimEnd();
        return name.Length == 0 ? fallback : name;
    }

    /// <summary>"Claude", then "Claude 2", "Claude 3" … for the n-th connector of the same name.</summary>
    public static string Numbered(string name, int n) => n <= 1 ? name : $"{name} {n}";

    private static bool IsAllowed(char c) => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.';

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : c.ToString();
}
