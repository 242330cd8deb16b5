namespace Autri.Logs.Engine.Tests;

/// <summary>Queries, and the saved queries of ops/queries, run by the local engine over the recorded sample's hour.</summary>
internal static class LogFixtures
{
    public static SavedQueryCatalog SavedQueries => SavedQueryFolder.Load(Path.Combine(RepoPaths.Root, "ops", "queries"));

    public static LogsQueryResult RunSaved(string slug)
    {
        var saved = SavedQueries.Find(slug) ?? throw new InvalidOperationException("no saved query " + slug);
        return new LocalLogEngine(LogSample.Directory).Run(new LogsQueryRequest(saved.Query, saved.LogGroups, LogSample.Start, LogSample.End));
    }

    public static LogsQueryResult Run(string query, params string[] groups) =>
        new LocalLogEngine(LogSample.Directory).Run(new LogsQueryRequest(query, groups.Length == 0 ? ["portal"] : groups, LogSample.Start, LogSample.End));
}
