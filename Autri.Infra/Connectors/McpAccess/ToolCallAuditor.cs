namespace Autri.Infra.Connectors.McpAccess;

/// <summary>
/// Records every tool call twice: one <c>mcp_tool_call</c> JSON log line at once (the shape the saved Logs Insights
/// queries read) and one <c>mcp_audit_log</c> row. Rows are queued and written in batches (one multi-row INSERT
/// every 200 ms, or sooner when 500 are waiting) so a busy server does not spend a round trip and a pooled
/// connection per call on its audit trail; shutdown flushes what is queued. A batch whose INSERT fails (Postgres
/// restarting) is kept and written first on the next flush, so a call that answered keeps its row across an outage.
/// The queue is bounded: if Postgres is down long enough to fill it, new rows are dropped and that is logged as an
/// error (the log lines still carry every call).
/// </summary>
public sealed class ToolCallAuditor : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(200);
    private static readonly EventId ToolCall = new(10, "mcp_tool_call");
    private static readonly EventId AuditFailed = new(11, "mcp_audit_failed");

    private readonly Channel<ToolCallRecord> _pending = Channel.CreateBounded<ToolCallRecord>(
        new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>The batch whose INSERT failed last, written before anything newer; only touched under <see cref="_flushing"/>.</summary>
    private List<ToolCallRecord>? _unwritten;
    private readonly NpgsqlDataSource _db;
    private readonly ILogger<ToolCallAuditor> _log;
    private long _dropped;

    public ToolCallAuditor(NpgsqlDataSource db, ILogger<ToolCallAuditor> log)
    {
        _db = db;
        _log = log;
    }

    public void Record(ToolCallRecord call)
    {
        if (call.Ok)
            _log.LogInformation(ToolCall, "Tool {tool} for connector {connector_id}: {status} in {latency_ms} ms, {result_count} result(s)",
                call.Tool, call.ConnectorId.ToString(), call.Status, call.LatencyMs, call.ResultCount);
        else
            _log.LogInformation(ToolCall, "Tool {tool} for connector {connector_id}: {status} ({reason}) in {latency_ms} ms",
                call.Tool, call.ConnectorId.ToString(), call.Status, call.Reason, call.LatencyMs);
        // TryWrite fails only when the bounded queue is full (Wait mode never blocks here).
        if (!_pending.Writer.TryWrite(call)) Interlocked.Increment(ref _dropped);
        if (_pending.Reader.Count >= BatchSize) _ = FlushLoggingErrorsAsync();
    }

    /// <summary>Writes everything queued so far (the loop calls this; tests call it to read rows back at once).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            while (true)
            {
                var batch = _unwritten ?? new List<ToolCallRecord>(BatchSize);
                _unwritten = null;
                while (batch.Count < BatchSize && _pending.Reader.TryRead(out var call)) batch.Add(call);
                if (batch.Count == 0) return;
                try
                {
                    await InsertAsync(batch, ct);
                }
                catch
                {
                    _unwritten = batch; // the INSERT is one statement: nothing of it was written
                    throw;
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushLoggingErrorsAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await FlushLoggingErrorsAsync(); // what queued during shutdown
    }

    private async Task InsertAsync(List<ToolCallRecord> batch, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand("""
            INSERT INTO mcp_audit_log (connector_id, tool, status, latency_ms, result_count)
            SELECT CASE WHEN EXISTS (SELECT 1 FROM connectors WHERE id = x.c) THEN x.c END, t, s, l, r
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::int[]) AS x(c, t, s, l, r)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.ConnectorId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.Tool).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.Status).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.LatencyMs).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.ResultCount).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task FlushLoggingErrorsAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0) _log.LogError(AuditFailed, "Audit queue full: {dropped} mcp_audit_log row(s) dropped", dropped);
        }
        catch (Exception ex)
        {
            // The batch stays queued for the next flush; keep the server up.
            _log.LogError(AuditFailed, ex, "Writing mcp_audit_log rows failed");
        }
    }

    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }
}
