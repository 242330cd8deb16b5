namespace Autri.Infra.Database;

/// <summary>
/// Follows a change feed in Postgres (migrations 0014, 0019): one connection LISTENs on the channel, and
/// <see cref="ReadChangesAsync"/> runs at once after a notification and every poll interval in any case, so a
/// change reaches this instance within milliseconds, or one poll if a notification was lost (a reconnect, a pooler
/// that drops them). A failed connection is re-made with backoff from <see cref="FirstRetry"/> doubling to
/// <see cref="MaxRetry"/>, back to the first once a connection has been followed again.
/// </summary>
public abstract class NotifiedFeed(NpgsqlDataSource db, TimeProvider time, ILogger log, string channel, TimeSpan pollEvery) : BackgroundService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private volatile bool _signalled;

    protected TimeProvider Time { get; } = time;

    protected ILogger Log { get; } = log;

    /// <summary>Once per connection, after LISTEN and before the first read (a full load, for instance).</summary>
    protected virtual Task ConnectedAsync(NpgsqlConnection conn, CancellationToken ct) => Task.CompletedTask;

    /// <summary>What changed since the last read.</summary>
    protected abstract Task ReadChangesAsync(NpgsqlConnection conn, CancellationToken ct);

    /// <summary>On a failure, before it is logged and waited out: what the subclass does about being cut off, and how
    /// long to wait if not the backoff's next step.</summary>
    protected virtual TimeSpan? OnFailure(Exception ex) => null;

    /// <summary>The warning logged for a failure (the subclass names its event).</summary>
    protected abstract void LogFailure(Exception ex, TimeSpan retry);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(() => retry = FirstRetry, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var wait = OnFailure(ex) ?? retry;
                LogFailure(ex, wait);
                await Task.Delay(wait, Time, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    private async Task FollowAsync(Action followed, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        conn.Notification += (_, e) =>
        {
            if (e.Channel == channel) _signalled = true;
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {channel}", conn)) await listen.ExecuteNonQueryAsync(ct);
        // Listening before the first read: a change committed after the read began is both notified and read next time.
        await ConnectedAsync(conn, ct);
        followed();
        while (true)
        {
            _signalled = false; // before the read: a notification during it means read again at once
            await ReadChangesAsync(conn, ct);
            if (!_signalled) await conn.WaitAsync(pollEvery, ct); // returns early on a notification
        }
    }
}
