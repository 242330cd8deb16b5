namespace Autri.Infra.Logging;

/// <summary>
/// Local mode only: appends the same JSON lines to <c>&lt;dir&gt;/&lt;group&gt;.jsonl</c>, the files the local
/// Logs Insights engine queries. One writer task per provider; logging never blocks on the disk.
/// </summary>
[ProviderAlias("JsonLinesFile")]
public sealed class JsonLinesFileLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Task _writer;
    private IExternalScopeProvider? _scopes;

    public JsonLinesFileLoggerProvider(string directory, string group)
    {
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, group + ".jsonl");
        _writer = Task.Run(WriteLoop);
    }

    public string Path { get; }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(2));
    }

    // Providers of one process writing the same file (two portal instances in the test process) must not both seek
    // to the same end and then write there, one over the other: seek and write are one step per file here.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> FileGates = new(StringComparer.Ordinal);

    // Each batch of whole lines is one unbuffered append, so several processes writing the same file
    // (two local portal instances) never interleave inside a line.
    private async Task WriteLoop()
    {
        var gate = FileGates.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
        await using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        var batch = new System.Text.StringBuilder();
        while (await _lines.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Length < 60_000 && _lines.Reader.TryRead(out var line)) batch.Append(line).Append('\n');
            // .NET opens FileMode.Append without O_APPEND and writes at its own position: after another
            // instance appended, that position is stale and the write would overwrite the other's lines.
            await gate.WaitAsync();
            try
            {
                stream.Seek(0, SeekOrigin.End);
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(batch.ToString()));
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private sealed class FileLogger(JsonLinesFileLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner._lines.Writer.TryWrite(JsonLogLine.Render(DateTimeOffset.UtcNow, logLevel, category, eventId, state, exception, formatter, owner._scopes));
        }
    }
}
