using Autri.Domain.Logs;
using Autri.Infra.Logs;
using Autri.Testing;

namespace Autri.Infra.Tests.Logs;

/// <summary>The recorded log sample in Fixtures/ and the saved queries of ops/queries, with the hour they cover.</summary>
internal static class LogFixtures
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-21T10:00:00Z");

    public static readonly DateTimeOffset End = DateTimeOffset.Parse("2026-11-21T11:00:00Z");

    public static string Directory => Path.Combine(RepoPaths.Root, "Autri.Infra.Tests", "Logs", "Fixtures");

    public static SavedQueryCatalog SavedQueries => SavedQueryCatalog.Load(Path.Combine(RepoPaths.Root, "ops", "queries"));

    public static LogsQueryResult RunSaved(string slug)
    {
        var saved = SavedQueries.Find(slug) ?? throw new InvalidOperationException("no saved query " + slug);
        return new LocalLogEngine(Directory).Run(new LogsQueryRequest(saved.Query, saved.LogGroups, Start, End));
    }

    public static LogsQueryResult Run(string query, params string[] groups) =>
        new LocalLogEngine(Directory).Run(new LogsQueryRequest(query, groups.Length == 0 ? ["portal"] : groups, Start, End));

    /// <summary>Rows as "field=value" lists, without @ptr (opaque), for readable assertions.</summary>
    public static List<string> Table(LogsQueryResult result) =>
        result.Rows.Select(row => string.Join(" | ", row.Where(f => f.Field != "@ptr").Select(f => $"{f.Field}={f.Value}"))).ToList();
}
