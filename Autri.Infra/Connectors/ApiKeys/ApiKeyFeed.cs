namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// Keeps this instance's <see cref="ApiKeyReplica"/> current: one connection LISTENs on <c>autri_api_keys</c> (one
/// NOTIFY per statement that changes a key, its connector's fate or who is suspended: migration 0019), loads every key
/// when it connects, then reads what changed since the watermark at once after a notification and every
/// <see cref="PollEvery"/> in any case. A revocation reaches the replica within milliseconds, or one poll if a
/// notification was lost; if the feed cannot read for <c>ApiKeys:CacheSeconds</c> the replica stops answering
/// (see <see cref="ApiKeyReplica.IsCurrent"/>). The connection is re-made with capped backoff and a full load.
/// </summary>
public sealed class ApiKeyFeed(NpgsqlDataSource db, ApiKeyReplica replica, TimeProvider time, ILogger<ApiKeyFeed> log) : BackgroundService
{
    public const string Channel = "autri_api_keys";
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long a replica over <see cref="ApiKeyReplica.MaxKeys"/> waits before counting again.</summary>
    private static readonly TimeSpan TooLargeRetry = TimeSpan.FromMinutes(10);

    private volatile bool _signalled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!replica.Enabled) return;
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(() => retry = FirstRetry, stoppingToken);
            }
            catch (ReplicaTooLargeException ex)
            {
                replica.MarkStale();
                log.LogWarning(new EventId(74, "api_key_replica_too_large"), "{message}", ex.Message);
                await Task.Delay(TooLargeRetry, time, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Not marked stale here: it goes stale by itself once its last read is CacheSeconds old, and a blip
                // shorter than that should not send every cold key to Postgres.
                log.LogWarning(new EventId(75, "api_key_feed_lost"), ex, "API key replica feed failed; retrying in {delay_ms} ms", (int)retry.TotalMilliseconds);
                await Task.Delay(retry, time, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    private async Task FollowAsync(Action connected, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        conn.Notification += (_, e) =>
        {
            if (e.Channel == Channel) _signalled = true;
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn)) await listen.ExecuteNonQueryAsync(ct);

        // Listening before the full read: a change committed after it started is both notified and read next time.
        _signalled = false;
        var since = await LoadAsync(conn, ct);
        connected();
        while (true)
        {
            if (!_signalled) await conn.WaitAsync(PollEvery, ct); // returns early on a notification
            _signalled = false;
            var readAt = time.GetUtcNow();
            var batch = await ApiKeyChanges.ReadSinceAsync(conn, since, ct);
            replica.Apply(batch.Written, batch.DeletedKeyIds, batch.SuspendedOwners, readAt);
            since = batch.Xmin;
        }
    }

    /// <returns>The watermark to read changes from.</returns>
    private async Task<ulong> LoadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var readAt = time.GetUtcNow();
        var all = await ApiKeyChanges.ReadAllAsync(conn, replica.MaxKeys, ct);
        replica.Load(all.Written, all.SuspendedOwners, readAt);
        log.LogInformation(new EventId(76, "api_key_replica_loaded"), "API key replica loaded {keys} keys", all.Written.Count);
        return all.Xmin;
    }
}
