namespace Autri.Domain.Allowlist;

/// <summary>
/// Who made a change and why, stored as the parameter version's description ("by admin@x.test: note").
/// SSM's own LastModifiedUser is the portal's IAM role, so the person is kept here. A description in any other
/// form (seeded by CDK, edited by hand) reads back as a note without an author.
/// </summary>
public sealed partial record ChangeDescription(string? By, string Note)
{
    /// <summary>SSM's limit for a description.</summary>
    public const int MaxLength = 1024;

    public static string Format(string by, string note)
    {
        var text = $"by {by}: {ChangeNote.Clean(note)}";
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    public static ChangeDescription Parse(string? description)
    {
        if (string.IsNullOrWhiteSpace(description)) return new(null, "");
        var m = Pattern().Match(description);
        return m.Success ? new(m.Groups[1].Value, m.Groups[2].Value) : new(null, description.Trim());
    }

    [GeneratedRegex(@"^by (\S+@\S+?): (.*)$", RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
