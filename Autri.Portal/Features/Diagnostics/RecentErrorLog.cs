using System.Collections.Concurrent;

namespace Autri.Portal.Features.Diagnostics;

/// <summary>One warning or error as a diagnostics bundle carries it: where and what kind, never the values.</summary>
public sealed record RecentError(DateTimeOffset Time, string Level, string Logger, string? Event, string Template, string? ExceptionType);

/// <summary>
/// The last <see cref="Capacity"/> warnings and errors of this portal instance, kept in memory for the diagnostics
/// bundle. Only the message template is kept (<c>Sign-in failed ({reason})</c>), never the formatted message or the
/// values in it, and of an exception only its type: values and exception messages can hold what people typed or
/// stored. An entry logged without a template is kept as "(no template)".
/// </summary>
public sealed class RecentErrorLog(TimeProvider clock) : ILoggerProvider
{
    public const int Capacity = 200;
    private readonly ConcurrentQueue<RecentError> _entries = new();
    private readonly TimeProvider _clock = clock;

    public IReadOnlyList<RecentError> Snapshot() => [.. _entries.Reverse()];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(RecentError entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(RecentErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var template = state is IEnumerable<KeyValuePair<string, object?>> values
                ? values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value as string
                : null;
            log.Add(new RecentError(log._clock.GetUtcNow(), logLevel.ToString(), category, eventId.Name, template ?? "(no template)",
                exception?.GetType().FullName));
        }
    }
}
