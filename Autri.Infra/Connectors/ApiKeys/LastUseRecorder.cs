namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// Writes <c>last_used_at</c> (of the key and of its connector) at most once a minute per key, off the
/// verification path: <see cref="Record"/> costs a dictionary probe and a channel write; a background loop
/// sends whatever queued up as ONE UPDATE per second.
/// <para>
/// Why a batcher rather than fire-and-forget per use: a cold burst (say every client reconnecting after a
/// deploy) would otherwise start one UPDATE and borrow one pooled connection per key at once, competing
/// with the verification queries themselves; batched, it is one statement per second whatever the load,
/// and the queue is bounded (when full, a use is dropped: last_used_at is informational).
/// The UPDATE repeats the once-a-minute rule in SQL so several instances do not each write.
/// </para>
/// </summary>
public sealed class LastUseRecorder : BackgroundService
{
    private const string Sql = """
        WITH used AS (
            UPDATE connector_api_keys SET last_used_at = now()
            WHERE id = ANY($1) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            RETURNING connector_id)
        UPDATE connectors SET last_used_at = now()
        WHERE id IN (SELECT connector_id FROM used) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
        """;

    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    private readonly Channel<Guid> _pending = Channel.CreateBounded<Guid>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleWriter = false });
    private readonly NpgsqlDataSource _db;
    private readonly TimeProvider _clock;
    private readonly ILogger<LastUseRecorder> _log;
    private readonly LastUseThrottle _throttle;
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public LastUseRecorder(NpgsqlDataSource db, TimeProvider clock, ILogger<LastUseRecorder> log)
    {
        _db = db;
        _clock = clock;
        _log = log;
        _throttle = new LastUseThrottle(clock);
    }

    /// <summary>Notes a successful use of a key; returns at once.</summary>
    public void Record(Guid keyId)
    {
        if (_throttle.ShouldRecord(keyId)) _pending.Writer.TryWrite(keyId);
    }

    /// <summary>Writes everything queued so far (the background loop calls this every second; tests call it directly).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            var ids = new HashSet<Guid>();
            while (_pending.Reader.TryRead(out var id)) ids.Add(id);
            if (ids.Count == 0) return;
            await using var cmd = _db.CreateCommand(Sql);
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushEvery, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushLoggingErrors(); // not cancelled by shutdown: a drained batch is written, not lost
                _throttle.Prune();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await FlushLoggingErrors(); // what queued during shutdown
    }

    private async Task FlushLoggingErrors()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // Never let this informational write stop the host (a BackgroundService that throws does).
            // The uses in this batch are lost (they were already let through the throttle): last_used_at
            // lags by up to a minute. Key ids are not secrets; nothing here carries a key or a hash.
            _log.LogError(e, "Recording API key last use failed");
        }
    }

    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }
}
