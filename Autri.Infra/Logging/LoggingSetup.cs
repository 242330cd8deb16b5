namespace Autri.Infra.Logging;

public static class LoggingSetup
{
    /// <summary>JSON lines on stdout, and in local mode also in <paramref name="localDirectory"/>/&lt;group&gt;.jsonl.</summary>
    public static ILoggingBuilder AddAutriJsonLogging(this ILoggingBuilder logging, string group, string? localDirectory)
    {
        logging.ClearProviders();
        logging.Services.AddSingleton<ILoggerProvider>(_ => JsonLinesLoggerProvider.ToStdout());
        if (!string.IsNullOrWhiteSpace(localDirectory))
            logging.Services.AddSingleton<ILoggerProvider>(_ => JsonLinesLoggerProvider.ToFile(localDirectory, group));
        return logging;
    }
}
