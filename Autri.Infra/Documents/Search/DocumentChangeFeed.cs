namespace Autri.Infra.Documents.Search;

/// <summary>
/// Keeps this instance's <see cref="DocumentIndex"/> current: one connection LISTENs on <c>autri_documents</c>
/// (one NOTIFY per statement that writes documents, migration 0014) and reads what changed in the followed KBs
/// since the watermark, at once after a notification and every <see cref="PollEvery"/> in any case, so a change is
/// searchable on every instance within a second or two and a notification lost during a reconnect costs at most one
/// poll. The connection is re-made with capped backoff; an instance cut off longer than deletions are kept
/// (<see cref="DeletionsKept"/>) forgets its indexes and rebuilds them on the next searches.
/// </summary>
public sealed class DocumentChangeFeed(NpgsqlDataSource db, DocumentIndex index, TimeProvider time, ILogger<DocumentChangeFeed> log) : BackgroundService
{
    public const string Channel = "autri_documents";
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DeletionsKept = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaintainEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private volatile bool _signalled;
    private DateTimeOffset _caughtUpAt;
    private DateTimeOffset _maintainedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _caughtUpAt = time.GetUtcNow();
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(new EventId(73, "search_feed_lost"), ex, "Search index feed failed; retrying in {delay_ms} ms", (int)retry.TotalMilliseconds);
                await Task.Delay(retry, time, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
                // Deletions older than DeletionsKept are gone from the feed: what was indexed may hold some of them.
                if (time.GetUtcNow() - _caughtUpAt > DeletionsKept / 2) index.DropAll();
            }
        }
    }

    private async Task FollowAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        conn.Notification += (_, e) =>
        {
            if (e.Channel == Channel) _signalled = true;
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn)) await listen.ExecuteNonQueryAsync(ct);
        while (true)
        {
            _signalled = false;
            await CatchUpAsync(conn, ct);
            await MaintainAsync(conn, ct);
            if (!_signalled) await conn.WaitAsync(PollEvery, ct); // returns early on a notification
        }
    }

    private async Task CatchUpAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (index.BeginCatchUp() is { } catchUp)
        {
            var batch = await DocumentChanges.ReadSinceAsync(conn, catchUp.Since, catchUp.KbIds, ct);
            index.Apply(catchUp, batch);
        }
        _caughtUpAt = time.GetUtcNow();
    }

    private async Task MaintainAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (time.GetUtcNow() - _maintainedAt < MaintainEvery) return;
        _maintainedAt = time.GetUtcNow();
        index.DropIdle();
        await DocumentChanges.PruneDeletionsAsync(conn, DeletionsKept, ct);
    }
}
