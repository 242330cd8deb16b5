namespace Autri.Infra.Documents.Search;

/// <summary>
/// Keeps this instance's <see cref="DocumentIndex"/> current from the feed of migration 0014 (one NOTIFY per statement
/// that writes documents, on <c>autri_documents</c>): what changed in the followed KBs since the watermark, so a change
/// is searchable on every instance within a second or two (<see cref="NotifiedFeed"/>). An instance cut off longer than
/// deletions are kept (<see cref="DeletionsKept"/>) forgets its indexes and rebuilds them on the next searches.
/// </summary>
public sealed class DocumentChangeFeed(NpgsqlDataSource db, DocumentIndex index, TimeProvider time, ILogger<DocumentChangeFeed> log)
    : NotifiedFeed(db, time, log, "autri_documents", TimeSpan.FromSeconds(1))
{
    public static readonly TimeSpan DeletionsKept = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaintainEvery = TimeSpan.FromMinutes(1);

    private DateTimeOffset _caughtUpAt;
    private DateTimeOffset _maintainedAt;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _caughtUpAt = Time.GetUtcNow();
        return base.ExecuteAsync(stoppingToken);
    }

    protected override async Task ReadChangesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (index.BeginCatchUp() is { } catchUp)
        {
            var batch = await DocumentChanges.ReadSinceAsync(conn, catchUp.Since, catchUp.KbIds, ct);
            index.Apply(catchUp, batch);
        }
        _caughtUpAt = Time.GetUtcNow();
        await MaintainAsync(conn, ct);
    }

    protected override TimeSpan? OnFailure(Exception ex)
    {
        // Deletions older than DeletionsKept are gone from the feed: what was indexed may hold some of them.
        if (Time.GetUtcNow() - _caughtUpAt > DeletionsKept / 2) index.DropAll();
        return null;
    }

    protected override void LogFailure(Exception ex, TimeSpan retry) =>
        Log.LogWarning(new EventId(73, "search_feed_lost"), ex, "Search index feed failed; retrying in {delay_ms} ms", (int)retry.TotalMilliseconds);

    private async Task MaintainAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (Time.GetUtcNow() - _maintainedAt < MaintainEvery) return;
        _maintainedAt = Time.GetUtcNow();
        index.DropIdle();
        await DocumentChanges.PruneDeletionsAsync(conn, DeletionsKept, ct);
    }
}
