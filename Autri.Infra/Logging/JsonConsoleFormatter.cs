namespace Autri.Infra.Logging;

/// <summary>stdout as JSON lines (what CloudWatch receives from ECS, Lambda and AgentCore).</summary>
public sealed class JsonConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "autri-json";

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        textWriter.WriteLine(JsonLogLine.Render(DateTimeOffset.UtcNow, entry.LogLevel, entry.Category, entry.EventId,
            entry.State, entry.Exception, entry.Formatter, scopeProvider));
    }
}
