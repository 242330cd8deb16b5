namespace Autri.Infra.Logs.Runner;

/// <summary>
/// One per portal instance. Drives the runs this instance created (<see cref="Own"/>): waits for a slot, starts
/// the query (retrying LimitExceededException with backoff), polls GetQueryResults with a growing interval, writes
/// status and statistics to Postgres at every poll, and stores the rows at the end. Cancel requests and the
/// timeout end in StopQuery. Every few seconds it vouches for the runs it owns and fails runs whose owner went
/// quiet (a crashed instance), so no run stays "Running" forever.
/// </summary>
public sealed class LogRunWorker(
    LogRunStore store, ILogsInsights insights, IOptions<LogRunnerOptions> options, TimeProvider time, ILogger<LogRunWorker> log)
    : BackgroundService
{
    private static readonly EventId RunFinished = new(1, "logs_query_finished");
    private static readonly EventId RunFailed = new(2, "logs_query_error");
    private static readonly EventId SweepFailed = new(3, "logs_runs_sweep_failed");

    private readonly Channel<Guid> _incoming = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, Task> _driving = new();
    private readonly Random _jitter = new();

    /// <summary>Written into each run this instance owns.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Hands a new run (owned by <see cref="InstanceId"/>) to this worker.</summary>
    public void Own(Guid runId) => _incoming.Writer.TryWrite(runId);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var sweep = SweepAsync(stopping);
        try
        {
            await foreach (var id in _incoming.Reader.ReadAllAsync(stopping))
            {
                var drive = Task.Run(() => DriveAsync(id, stopping), CancellationToken.None);
                _driving[id] = drive;
                _ = drive.ContinueWith(_ => _driving.TryRemove(id, out var _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        await Task.WhenAll(_driving.Values.Append(sweep));
    }

    private async Task DriveAsync(Guid id, CancellationToken stopping)
    {
        var o = options.Value;
        var deadline = time.GetUtcNow() + o.QueryTimeout;
        string? queryId = null;
        try
        {
            var run = await store.GetAsync(id, stopping);
            if (run is null || run.Status.IsFinal()) return;
            var request = new LogsQueryRequest(run.Query, run.LogGroups, run.Start, run.End);

            // 1. One of the portal's slots (global: counted in Postgres).
            var wait = new PollSchedule(o.MaxPollInterval / 4, o.MaxPollInterval);
            while (!await store.TryClaimSlotAsync(id, o.MaxConcurrentQueries, o.OwnerTimeout, stopping))
            {
                var signal = await store.HeartbeatAsync(id, ct: stopping);
                if (signal == RunSignal.AlreadyFinal) return;
                if (signal == RunSignal.Cancel) { await FinishAsync(id, LogRunStatus.Cancelled, "Cancelled while waiting for a query slot."); return; }
                if (time.GetUtcNow() >= deadline)
                {
                    await FinishAsync(id, LogRunStatus.Timeout,
                        $"No query slot became free within {Describe(o.QueryTimeout)}: the portal runs at most {o.MaxConcurrentQueries} queries at once ({LogRunnerOptions.Section}:MaxConcurrentQueries).");
                    return;
                }
                await Task.Delay(wait.Next(), time, stopping);
            }

            // 2. StartQuery; AWS's concurrency quota (LimitExceededException) is waited out within the timeout.
            for (var attempt = 0; queryId is null; attempt++)
            {
                try
                {
                    queryId = await insights.StartQueryAsync(request, stopping);
                }
                catch (LogsQueryException e) when (e.Code == "LimitExceededException")
                {
                    var delay = StartBackoff.Delay(attempt, o.StartRetryBaseDelay, o.StartRetryMaxDelay, _jitter);
                    var signal = await store.HeartbeatAsync(id, waitingForAws: true, stopping);
                    if (signal == RunSignal.AlreadyFinal) return;
                    if (signal == RunSignal.Cancel) { await FinishAsync(id, LogRunStatus.Cancelled, "Cancelled while waiting for a CloudWatch Logs query slot."); return; }
                    if (time.GetUtcNow() + delay >= deadline)
                    {
                        await FinishAsync(id, LogRunStatus.Timeout,
                            $"CloudWatch Logs had no free query slot within {Describe(o.QueryTimeout)} (LimitExceededException: the account runs as many queries as its quota allows).");
                        return;
                    }
                    await Task.Delay(delay, time, stopping);
                }
            }

            // 3. Poll until a final status, a cancel request or the timeout.
            var polls = new PollSchedule(o.FirstPollInterval, o.MaxPollInterval);
            var progress = await store.MarkStartedAsync(id, queryId, stopping);
            while (true)
            {
                if (progress == RunSignal.AlreadyFinal) { await StopAsync(queryId); return; }
                if (progress == RunSignal.Cancel)
                {
                    await StopAsync(queryId);
                    await FinishAsync(id, LogRunStatus.Cancelled, "Cancelled by an admin; StopQuery was sent.");
                    return;
                }
                if (time.GetUtcNow() >= deadline)
                {
                    await StopAsync(queryId);
                    await FinishAsync(id, LogRunStatus.Timeout,
                        $"Stopped after {Describe(o.QueryTimeout)} ({LogRunnerOptions.Section}:QueryTimeout); StopQuery was sent.");
                    return;
                }
                await Task.Delay(polls.Next(), time, stopping);
                var results = await insights.GetQueryResultsAsync(queryId, stopping);
                if (results.Status.IsFinal())
                {
                    await FinishFromBackendAsync(id, results);
                    return;
                }
                var status = results.Status == LogsQueryStatus.Scheduled ? LogRunStatus.Scheduled : LogRunStatus.Running;
                progress = await store.ReportProgressAsync(id, status, results.Result.Statistics, stopping);
            }
        }
        catch (LogsQueryException e)
        {
            await FinishAsync(id, LogRunStatus.Failed, $"{e.Code}: {e.Message}");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            if (queryId is not null) await StopAsync(queryId);
            await FinishAsync(id, LogRunStatus.Failed, "The portal instance running this query was stopped. Run it again.");
        }
        catch (Exception e)
        {
            log.LogError(RunFailed, e, "Logs query run {run_id} failed unexpectedly", id);
            if (queryId is not null) await StopAsync(queryId);
            await FinishAsync(id, LogRunStatus.Failed, "The portal failed while running this query (" + e.GetType().Name + "); see its logs.");
        }
    }

    private async Task FinishFromBackendAsync(Guid id, LogsQueryResults results)
    {
        var result = results.Result;
        switch (results.Status)
        {
            case LogsQueryStatus.Complete:
                var rows = result.Rows.Take(LogsQueryRequest.DefaultLimit).Select(row => Align(result.Columns, row)).ToList();
                await FinishAsync(id, LogRunStatus.Complete, null, result.Statistics, result.Columns, rows);
                break;
            case LogsQueryStatus.Cancelled:
                await FinishAsync(id, LogRunStatus.Cancelled, "The query was stopped in CloudWatch Logs.", result.Statistics);
                break;
            case LogsQueryStatus.Timeout:
                await FinishAsync(id, LogRunStatus.Timeout, "CloudWatch Logs stopped the query at its own 60-minute limit.", result.Statistics);
                break;
            default:
                await FinishAsync(id, LogRunStatus.Failed, results.FailureMessage ?? "The query failed.", result.Statistics);
                break;
        }
    }

    /// <summary>A row lists only the fields it has; stored rows line up with the columns (null = absent).</summary>
    private static IReadOnlyList<string?> Align(IReadOnlyList<string> columns, IReadOnlyList<ResultField> row)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in row) values.TryAdd(field.Field, field.Value);
        return columns.Select(c => values.GetValueOrDefault(c)).ToList();
    }

    private async Task FinishAsync(
        Guid id, LogRunStatus status, string? error, LogsQueryStatistics? statistics = null,
        IReadOnlyList<string>? columns = null, IReadOnlyList<IReadOnlyList<string?>>? rows = null)
    {
        // Runs after the instance was told to stop, too: a final status is worth a few more seconds.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await store.FinishAsync(id, status, statistics, columns, rows, error, cts.Token);
            log.LogInformation(RunFinished, "Logs query run {run_id} finished {status}: {rows} rows, {bytes_scanned} bytes scanned",
                id, status, rows?.Count ?? 0, statistics?.BytesScanned ?? 0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(RunFailed, e, "Could not record the end of logs query run {run_id} ({status}); other instances will fail it as abandoned", id, status);
        }
    }

    private async Task StopAsync(string queryId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await insights.StopQueryAsync(queryId, cts.Token);
        }
        catch (Exception e) when (e is LogsQueryException or OperationCanceledException)
        {
            // Already finished or expired: nothing left to stop. AWS stops it at 60 minutes regardless.
            log.LogWarning(RunFailed, "StopQuery for {query_id} failed: {error}", queryId, e.Message);
        }
    }

    private async Task SweepAsync(CancellationToken stopping)
    {
        var o = options.Value;
        var period = TimeSpan.FromTicks(Math.Clamp(o.OwnerTimeout.Ticks / 3, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 5));
        var lastCleanup = DateTimeOffset.MinValue;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await store.HeartbeatOwnerAsync(InstanceId, stopping);
                await store.FailAbandonedAsync(o.OwnerTimeout, stopping);
                if (time.GetUtcNow() - lastCleanup > TimeSpan.FromMinutes(10))
                {
                    await store.DeleteFinishedBeforeAsync(o.RunRetention, stopping);
                    lastCleanup = time.GetUtcNow();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be down or not migrated yet; the next sweep tries again.
                log.LogWarning(SweepFailed, "Sweeping logs query runs failed: {error}", e.Message);
            }
            try
            {
                await Task.Delay(period, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string Describe(TimeSpan t) =>
        t.TotalMinutes >= 1 && t.Seconds == 0 ? $"{t.TotalMinutes:0} minute{(t.TotalMinutes == 1 ? "" : "s")}" : $"{t.TotalSeconds:0.#} seconds";
}
