namespace Autri.Domain.Allowlist;

/// <summary>
/// The beta allowlist as stored in the <c>ALLOWED_EMAILS</c> StringList parameter: comma-separated emails.
/// Parsing is lenient (the parameter may have been edited by hand); the editor validates strictly.
/// </summary>
public sealed class BetaAllowlist
{
    public const string ParameterName = "ALLOWED_EMAILS";

    private readonly HashSet<string> _emails;

    private BetaAllowlist(HashSet<string> emails) => _emails = emails;

    public static BetaAllowlist Empty { get; } = new([]);

    public int Count => _emails.Count;

    public IReadOnlyList<string> Sorted => _emails.Order(StringComparer.Ordinal).ToList();

    public static BetaAllowlist FromParameterValue(string value) =>
        new(value.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(EmailAddress.Normalize)
            .Where(e => e.Length > 0)
            .ToHashSet(StringComparer.Ordinal));

    public static BetaAllowlist FromEmails(IEnumerable<string> emails) =>
        new(emails.Select(EmailAddress.Normalize).Where(e => e.Length > 0).ToHashSet(StringComparer.Ordinal));

    public bool Contains(string email) => _emails.Contains(EmailAddress.Normalize(email));

    /// <summary>
    /// Whether someone is in the beta: on the list, or an admin (admins pass even when the list is wrong, so a broken
    /// list cannot lock out the people who fix it). Their connectors work only while this holds.
    /// </summary>
    public bool Admits(string email, bool isAdmin) => isAdmin || Contains(email);

    /// <summary>The StringList value: sorted, comma-joined, so equal lists store equal values.</summary>
    public string ToParameterValue() => string.Join(',', Sorted);
}
