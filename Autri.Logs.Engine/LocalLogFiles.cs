namespace Autri.Logs.Engine;

/// <summary>
/// Where the apps' JSON-lines logs lie in local mode: one folder with <c>&lt;group&gt;.jsonl</c> and rotated
/// <c>&lt;group&gt;.&lt;anything&gt;.jsonl</c> files per logical log group.
/// </summary>
public static partial class LocalLogFiles
{
    /// <summary>The group's files, rotated ones first (by name) and the live file last; none when the group has not logged yet.</summary>
    /// <exception cref="ArgumentException">When the name could reach outside the folder.</exception>
    public static IReadOnlyList<string> For(string directory, string logGroup)
    {
        if (!IsValidGroupName(logGroup)) throw new ArgumentException($"'{logGroup}' is not a valid local log group name", nameof(logGroup));
        if (!Directory.Exists(directory)) return [];
        var rotated = Directory.EnumerateFiles(directory, logGroup + ".*.jsonl").Order(StringComparer.Ordinal);
        var live = Path.Combine(directory, logGroup + ".jsonl");
        return File.Exists(live) ? [.. rotated, live] : [.. rotated];
    }

    public static bool IsValidGroupName(string logGroup) => GroupName().IsMatch(logGroup);

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}$")]
    private static partial Regex GroupName();
}
