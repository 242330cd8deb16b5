namespace Autri.Infra.Logging;

/// <summary>
/// JSON lines (<see cref="JsonLogLine"/>) written by one background task, so logging never blocks a request on a pipe or
/// a disk: to stdout (what CloudWatch receives from ECS, Lambda and AgentCore) and, in Local mode, appended to
/// <c>&lt;dir&gt;/&lt;group&gt;.jsonl</c>, the files the local Logs Insights engine queries.
/// <para>
/// Not the framework's console logger: its queue is a lock that every request's log call takes and pulses, and under
/// 32 concurrent requests that lock's contention was about a fifth of the portal's CPU (bench/portal, a CPU profile).
/// Here callers only add to a channel. When a burst outruns the writer by <see cref="Capacity"/> lines the oldest wait-
/// ing lines are dropped rather than requests slowed, and the writer says how many in the stream itself.
/// </para>
/// </summary>
[ProviderAlias("JsonLines")]
public sealed class JsonLinesLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    public const int Capacity = 10_000;

    // Providers of one process writing the same file (two portal instances in the test process) must not both seek
    // to the same end and then write there, one over the other: seek and write are one step per file here.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> FileGates = new(StringComparer.Ordinal);

    private readonly Channel<string> _lines;
    private readonly LogLevel _minimum;
    private readonly Task _writer;
    private IExternalScopeProvider? _scopes;
    private long _dropped;

    private JsonLinesLoggerProvider(LogLevel minimum, Func<Stream> open, string? file)
    {
        _minimum = minimum;
        _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        Path = file;
        _writer = Task.Run(() => WriteLoop(open, file is null ? null : FileGates.GetOrAdd(file, _ => new SemaphoreSlim(1, 1))));
    }

    /// <summary>stdout; which levels and categories reach it is the logging configuration's to say.</summary>
    public static JsonLinesLoggerProvider ToStdout() => new(LogLevel.Trace, Console.OpenStandardOutput, null);

    /// <summary>
    /// <c>&lt;directory&gt;/&lt;group&gt;.jsonl</c>, Information and above. Each batch of whole lines is one unbuffered
    /// append, so several processes writing the same file (two local portal instances) never interleave inside a line.
    /// </summary>
    public static JsonLinesLoggerProvider ToFile(string directory, string group)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, group + ".jsonl");
        return new(LogLevel.Information,
            () => new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0), path);
    }

    /// <summary>The file written; null for stdout.</summary>
    public string? Path { get; }

    public ILogger CreateLogger(string categoryName) => new JsonLinesLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(2));
    }

    private async Task WriteLoop(Func<Stream> open, SemaphoreSlim? fileGate)
    {
        await using var stream = open();
        var batch = new StringBuilder();
        while (await _lines.Reader.WaitToReadAsync())
        {
            batch.Clear();
            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
                batch.Append(JsonLogLine.Render(DateTimeOffset.UtcNow, LogLevel.Warning, typeof(JsonLinesLoggerProvider).FullName!, new EventId(1, "log_lines_dropped"),
                    dropped, null, (n, _) => $"{n} log lines were dropped: they came faster than they could be written", null)).Append('\n');
            while (batch.Length < 60_000 && _lines.Reader.TryRead(out var line)) batch.Append(line).Append('\n');
            var bytes = Encoding.UTF8.GetBytes(batch.ToString());
            if (fileGate is null)
            {
                await stream.WriteAsync(bytes);
                await stream.FlushAsync();
                continue;
            }
            // .NET opens FileMode.Append without O_APPEND and writes at its own position: after another instance
            // appended, that position is stale and the write would overwrite the other's lines.
            await fileGate.WaitAsync();
            try
            {
                stream.Seek(0, SeekOrigin.End);
                await stream.WriteAsync(bytes);
            }
            finally
            {
                fileGate.Release();
            }
        }
    }

    private sealed class JsonLinesLogger(JsonLinesLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner._lines.Writer.TryWrite(JsonLogLine.Render(DateTimeOffset.UtcNow, logLevel, category, eventId, state, exception, formatter, owner._scopes));
        }
    }
}
