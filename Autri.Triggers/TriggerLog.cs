namespace Autri.Triggers;

/// <summary>
/// JSON log lines (<see cref="JsonLogLine"/>, the shape ops/queries/README.md documents) written synchronously,
/// one <c>WriteLine</c> per entry. Synchronous on purpose: Lambda freezes the process as soon as the handler
/// returns, so the framework's queued console logger could hold a line back until the next invocation (or lose
/// it). With <c>AWS_LAMBDA_HANDLER_LOG_FORMAT=Unformatted</c> the runtime passes each line through as it is.
/// </summary>
public sealed class TriggerLog : ILoggerProvider
{
    private readonly TextWriter _out;
    private readonly Lock _gate = new();

    public TriggerLog(TextWriter output)
    {
        _out = output;
        Factory = new LoggerFactory([this]);
    }

    /// <summary>Loggers for the parts the triggers reuse (AllowlistReader, the AWS clients).</summary>
    public ILoggerFactory Factory { get; }

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            _out.WriteLine(line);
            _out.Flush();
        }
    }

    private sealed class LineLogger(TriggerLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner.Write(JsonLogLine.Render(DateTimeOffset.UtcNow, logLevel, category, eventId, state, exception, formatter, null));
        }
    }
}

/// <summary>The <c>event</c> names the triggers log; <c>allowlist_rejected</c> is shared with the portal and a metric filter counts it.</summary>
public static class TriggerEvents
{
    public static readonly EventId UserProvisioned = new(101, "user_provisioned");
    public static readonly EventId AllowlistRejected = new(102, "allowlist_rejected");
    public static readonly EventId ConnectorClaimAdded = new(111, "pretoken_connector_claim");
    public static readonly EventId UnknownClient = new(112, "pretoken_unknown_client");
    public static readonly EventId ConnectorRefused = new(113, "pretoken_connector_refused");
    public static readonly EventId TriggerFailed = new(199, "trigger_failed");
}
