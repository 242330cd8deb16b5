using Autri.Domain.Logs;

namespace Autri.Testing.Logs;

/// <summary>
/// The recorded JSON-lines log sample in Logs/Sample/ (<c>portal</c>, <c>mcp</c>, <c>triggers</c>), the hour it covers,
/// and result rows as text: what the local engine's tests and the local Logs Insights adapter's tests read.
/// </summary>
public static class LogSample
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-21T10:00:00Z");

    public static readonly DateTimeOffset End = DateTimeOffset.Parse("2026-11-21T11:00:00Z");

    public static string Directory => Path.Combine(RepoPaths.Root, "Autri.Testing", "Logs", "Sample");

    /// <summary>Rows as "field=value" lists, without @ptr (opaque), for readable assertions.</summary>
    public static List<string> Table(LogsQueryResult result) =>
        result.Rows.Select(row => string.Join(" | ", row.Where(f => f.Field != "@ptr").Select(f => $"{f.Field}={f.Value}"))).ToList();
}
