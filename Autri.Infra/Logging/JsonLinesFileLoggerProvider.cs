using System.Threading.Channels;
using Microsoft.Extensions.Logging;

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

    private async Task WriteLoop()
    {
        await using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        await using var writer = new StreamWriter(stream);
        while (await _lines.Reader.WaitToReadAsync())
        {
            // .NET opens FileMode.Append without O_APPEND: another process or instance appending to the same
            // file moves the end, and writing at our stale position would overwrite its lines.
            stream.Seek(0, SeekOrigin.End);
            while (_lines.Reader.TryRead(out var line)) await writer.WriteLineAsync(line);
            await writer.FlushAsync();
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
