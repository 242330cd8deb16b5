namespace Autri.Infra.Logs.Runner;

/// <summary>Configuration section <c>Logs</c>: how the portal runs Logs Insights queries (README, "Logs").</summary>
public sealed class LogRunnerOptions
{
    public const string Section = "Logs";

    /// <summary>Runs holding a slot (starting, scheduled or running) across every portal instance; later ones queue.</summary>
    public int MaxConcurrentQueries { get; set; } = 4;

    /// <summary>From the request to a final status, queueing and LimitExceeded retries included; then StopQuery.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Logs Insights' price per GB (2^30 bytes) scanned, for the estimate on the page.</summary>
    public decimal PricePerGb { get; set; } = 0.005m;

    /// <summary>A longer time range needs an explicit confirmation.</summary>
    public int MaxRangeDays { get; set; } = 31;

    /// <summary>Logical log group (portal, mcp, triggers) → real log group names, comma-separated.</summary>
    public Dictionary<string, string> Groups { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Region of the CloudWatch console links; <c>Aws:Region</c> when unset.</summary>
    public string? Region { get; set; }

    /// <summary>The same query, log groups and range asked again within this time reuse the first run.</summary>
    public TimeSpan ReuseWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A run whose instance stopped refreshing it for this long is marked failed by any other instance.</summary>
    public TimeSpan OwnerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Finished runs (and their rows) are deleted after this time.</summary>
    public TimeSpan RunRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>GetQueryResults polling starts at this interval and grows by half each poll…</summary>
    public TimeSpan FirstPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>…up to this one.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after StartQuery answered LimitExceededException; doubles each retry, with jitter…</summary>
    public TimeSpan StartRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>…up to this one.</summary>
    public TimeSpan StartRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Folder of the saved queries (<c>*.logsql</c>); found next to the app or in the repository when unset.</summary>
    public string? QueriesDirectory { get; set; }
}
