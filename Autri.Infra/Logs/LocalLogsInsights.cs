using Autri.Logs.Engine.Parsing;

namespace Autri.Infra.Logs;

/// <summary>
/// <see cref="ILogsInsights"/> over <see cref="LocalLogEngine"/> with AWS's asynchronous semantics: StartQuery
/// returns an id at once and the query runs in the background (a bounded number at a time), GetQueryResults
/// reports Scheduled/Running (with statistics so far) until Complete, Failed, Cancelled or Timeout, and
/// finished results are dropped after <see cref="LocalLogsInsightsOptions.ResultRetention"/>.
/// </summary>
public sealed class LocalLogsInsights : ILogsInsights, IDisposable
{
    private readonly LocalLogEngine _engine;
    private readonly LocalLogsInsightsOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, LocalQuery> _queries = new();
    private readonly CancellationTokenSource _disposed = new();
    private int _disposeCalls;

    public LocalLogsInsights(LocalLogsInsightsOptions options, TimeProvider? time = null)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
            throw new ArgumentException("Configuration missing value for: " + LocalLogsInsightsOptions.Section + ":Directory", nameof(options));
        _options = options;
        _engine = new LocalLogEngine(options.Directory, options.Limits);
        _time = time ?? TimeProvider.System;
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentQueries));
    }

    public Task<string> StartQueryAsync(LogsQueryRequest request, CancellationToken ct = default)
    {
        DropExpired();
        var query = LocalLogEngine.Prepare(request);
        if (_queries.Values.Count(q => q.Status == LogsQueryStatus.Scheduled) >= _options.MaxQueuedQueries)
            throw new LogsQueryException("LimitExceededException", $"{_options.MaxQueuedQueries} local queries are already waiting to run");

        var local = new LocalQuery(Guid.NewGuid().ToString(), _disposed.Token, _options.QueryTimeout, _time);
        _queries[local.Id] = local;
        local.Task = Task.Run(() => RunAsync(local, query, request));
        return Task.FromResult(local.Id);
    }

    public Task<LogsQueryResults> GetQueryResultsAsync(string queryId, CancellationToken ct = default)
    {
        DropExpired();
        return Task.FromResult(Find(queryId).Snapshot());
    }

    public Task<bool> StopQueryAsync(string queryId, CancellationToken ct = default)
    {
        var query = Find(queryId);
        return Task.FromResult(query.RequestStop());
    }

    /// <summary>Waits for a query to reach a final status (for callers that do not poll).</summary>
    public async Task<LogsQueryResults> WaitAsync(string queryId, CancellationToken ct = default)
    {
        await Find(queryId).Task.WaitAsync(ct).ConfigureAwait(false);
        return Find(queryId).Snapshot();
    }

    /// <summary>Cancels every query still running. Safe to call twice (the container may, once per registration).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposeCalls, 1) == 1) return;
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task RunAsync(LocalQuery local, LogsQuery query, LogsQueryRequest request)
    {
        try
        {
            await _slots.WaitAsync(local.Cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            local.Finish(local.TimedOut ? LogsQueryStatus.Timeout : LogsQueryStatus.Cancelled, null, null);
            return;
        }
        try
        {
            local.Start();
            var progress = new InlineProgress(local.Report);
            var result = _engine.Run(query, request, progress, local.Cancellation.Token, local.Diagnostics);
            local.Finish(LogsQueryStatus.Complete, result, null);
        }
        catch (OperationCanceledException)
        {
            local.Finish(local.TimedOut ? LogsQueryStatus.Timeout : LogsQueryStatus.Cancelled, null, null);
        }
        catch (Exception e) when (e is LogsQueryException or IOException or UnauthorizedAccessException)
        {
            local.Finish(LogsQueryStatus.Failed, null, e.Message);
        }
        catch (Exception e)
        {
            // A defect of the engine must still end the query: nothing may stay Running forever.
            local.Finish(LogsQueryStatus.Failed, null, $"The local engine failed ({e.GetType().Name}: {e.Message}).");
        }
        finally
        {
            _slots.Release();
        }
    }

    private LocalQuery Find(string queryId) =>
        _queries.TryGetValue(queryId, out var query)
            ? query
            : throw new LogsQueryException("ResourceNotFoundException", $"No query with id {queryId} (finished queries are kept for {_options.ResultRetention.TotalMinutes:0} minutes)");

    private void DropExpired()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, query) in _queries)
        {
            if (query.FinishedAt is { } finished && now - finished >= _options.ResultRetention) _queries.TryRemove(id, out _);
        }
    }

    // Progress<T> posts to the thread pool; queries report from their own thread and want the latest figures at once.
    private sealed class InlineProgress(Action<LogsQueryStatistics> report) : IProgress<LogsQueryStatistics>
    {
        public void Report(LogsQueryStatistics value) => report(value);
    }

    private sealed class LocalQuery
    {
        private readonly Lock _lock = new();
        private readonly TimeProvider _time;
        private LogsQueryStatus _status = LogsQueryStatus.Scheduled;
        private LogsQueryStatistics _statistics = LogsQueryStatistics.Empty;
        private LogsQueryResult? _result;
        private string? _failure;
        private bool _stopRequested;

        public LocalQuery(string id, CancellationToken disposed, TimeSpan timeout, TimeProvider time)
        {
            Id = id;
            _time = time;
            Cancellation = CancellationTokenSource.CreateLinkedTokenSource(disposed);
            Timeout = new CancellationTokenSource(timeout, time);
            Timeout.Token.Register(() => Cancellation.Cancel());
        }

        public string Id { get; }

        public EngineDiagnostics Diagnostics { get; } = new();

        public CancellationTokenSource Cancellation { get; }

        private CancellationTokenSource Timeout { get; }

        public Task Task { get; set; } = Task.CompletedTask;

        public DateTimeOffset? FinishedAt { get; private set; }

        public bool TimedOut => Timeout.IsCancellationRequested && !_stopRequested;

        public LogsQueryStatus Status
        {
            get { lock (_lock) return _status; }
        }

        public void Start()
        {
            lock (_lock) _status = LogsQueryStatus.Running;
        }

        public void Report(LogsQueryStatistics statistics)
        {
            lock (_lock) _statistics = statistics;
        }

        public bool RequestStop()
        {
            lock (_lock)
            {
                if (_status.IsFinal()) return false;
                _stopRequested = true;
                Cancellation.Cancel();
                return true;
            }
        }

        public void Finish(LogsQueryStatus status, LogsQueryResult? result, string? failure)
        {
            lock (_lock)
            {
                _status = status;
                _result = result;
                if (result is not null) _statistics = result.Statistics;
                _failure = failure;
                FinishedAt = _time.GetUtcNow();
            }
            Timeout.Dispose();
        }

        public LogsQueryResults Snapshot()
        {
            lock (_lock)
            {
                // While running, like AWS, what is known so far: statistics, and the rows already produced
                // (none for stats or sort, which hold rows back until the end).
                var (columns, rows) = _result is null ? Diagnostics.Partial() : ([], []);
                var result = _result ?? new LogsQueryResult(columns, rows, _statistics);
                return new LogsQueryResults(_status, result, _failure);
            }
        }
    }
}
