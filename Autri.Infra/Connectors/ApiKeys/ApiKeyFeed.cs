namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// Keeps this instance's <see cref="ApiKeyReplica"/> current from the feed of migration 0019 (one NOTIFY per statement
/// that changes a key, its connector's fate or who is suspended, on <c>autri_api_keys</c>): every key loaded when the
/// connection is made, then what changed since the watermark. A revocation reaches the replica within milliseconds,
/// or one poll if a notification was lost; if the feed cannot read for <c>ApiKeys:CacheSeconds</c> the replica stops
/// answering (see <see cref="ApiKeyReplica.IsCurrent"/>).
/// </summary>
public sealed class ApiKeyFeed(NpgsqlDataSource db, ApiKeyReplica replica, TimeProvider time, ILogger<ApiKeyFeed> log)
    : NotifiedFeed(db, time, log, "autri_api_keys", TimeSpan.FromSeconds(2))
{
    /// <summary>How long a replica over <see cref="ApiKeyReplica.MaxKeys"/> waits before counting again.</summary>
    private static readonly TimeSpan TooLargeRetry = TimeSpan.FromMinutes(10);

    private ulong _since;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        replica.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override async Task ConnectedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var readAt = Time.GetUtcNow();
        var all = await ApiKeyChanges.ReadAllAsync(conn, replica.MaxKeys, ct);
        replica.Load(all.Written, all.SuspendedOwners, readAt);
        Log.LogInformation(new EventId(76, "api_key_replica_loaded"), "API key replica loaded {keys} keys", all.Written.Count);
        _since = all.Xmin;
    }

    protected override async Task ReadChangesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var readAt = Time.GetUtcNow();
        var batch = await ApiKeyChanges.ReadSinceAsync(conn, _since, ct);
        replica.Apply(batch.Written, batch.DeletedKeyIds, batch.SuspendedOwners, readAt);
        _since = batch.Xmin;
    }

    // Any other failure does not make it stale here: it goes stale by itself once its last read is CacheSeconds old,
    // and a blip shorter than that should not send every cold key to Postgres.
    protected override TimeSpan? OnFailure(Exception ex)
    {
        if (ex is not ReplicaTooLargeException) return null;
        replica.MarkStale();
        return TooLargeRetry;
    }

    protected override void LogFailure(Exception ex, TimeSpan retry)
    {
        if (ex is ReplicaTooLargeException) Log.LogWarning(new EventId(74, "api_key_replica_too_large"), "{message}", ex.Message);
        else Log.LogWarning(new EventId(75, "api_key_feed_lost"), ex, "API key replica feed failed; retrying in {delay_ms} ms", (int)retry.TotalMilliseconds);
    }
}
