namespace Autri.Infra.Logging;

public static class LoggingSetup
{
    /// <summary>JSON lines on stdout, and in local mode also in <paramref name="localDirectory"/>/&lt;group&gt;.jsonl.</summary>
    public static ILoggingBuilder AddAutriJsonLogging(this ILoggingBuilder logging, string group, string? localDirectory)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.FormatterName = JsonConsoleFormatter.FormatterName);
        logging.AddConsoleFormatter<JsonConsoleFormatter, ConsoleFormatterOptions>(o => o.IncludeScopes = true);
        if (!string.IsNullOrWhiteSpace(localDirectory))
            logging.Services.AddSingleton<ILoggerProvider>(new JsonLinesFileLoggerProvider(localDirectory, group));
        return logging;
    }
}
