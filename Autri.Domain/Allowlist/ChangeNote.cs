namespace Autri.Domain.Allowlist;

/// <summary>The note every change needs: why the list changed, kept with the version in Parameter Store.</summary>
public static class ChangeNote
{
    /// <summary>Leaves room in SSM's 1024-character description for "by &lt;email&gt;: " before it.</summary>
    public const int MaxLength = 500;

    /// <summary>One line: runs of whitespace (newlines included) become one space, so the description parses back.</summary>
    public static string Clean(string? note) => string.Join(' ', (note ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Null when the cleaned note is acceptable, else why not.</summary>
    public static string? Problem(string? note)
    {
        var clean = Clean(note);
        if (clean.Length == 0) return "A change note is required: say why the list changes.";
        if (clean.Length > MaxLength) return $"The change note is {clean.Length} characters; keep it to {MaxLength}.";
        return null;
    }
}
