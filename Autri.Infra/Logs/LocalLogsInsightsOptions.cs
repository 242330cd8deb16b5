namespace Autri.Infra.Logs;

/// <summary>Configuration section <c>Logs:Local</c> for the local Logs Insights backend.</summary>
public sealed class LocalLogsInsightsOptions
{
    public const string Section = "Logs:Local";

    /// <summary>The folder holding <c>&lt;group&gt;.jsonl</c> files (required).</summary>
    public string Directory { get; set; } = "";

    /// <summary>Queries read files at the same time up to this number; later ones wait as Scheduled.</summary>
    public int MaxConcurrentQueries { get; set; } = 2;

    /// <summary>Queries waiting beyond this number are refused with LimitExceededException.</summary>
    public int MaxQueuedQueries { get; set; } = 20;

    /// <summary>How long a finished query's results stay available to GetQueryResults.</summary>
    public TimeSpan ResultRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>AWS stops queries after 60 minutes with status Timeout.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>The most groups a stats or dedup command holds; events of further groups are left out and the page says so.</summary>
    public int MaxGroups { get; set; } = LocalEngineLimits.DefaultMaxGroups;

    /// <summary>Longer lines are skipped unread and counted; the page says how many.</summary>
    public int MaxLineBytes { get; set; } = LocalEngineLimits.DefaultMaxLineBytes;

    /// <summary>A regular expression that takes longer on one log line fails the query, saying so.</summary>
    public TimeSpan RegexTimeout { get; set; } = LocalEngineLimits.DefaultRegexTimeout;

    public LocalEngineLimits Limits => new() { MaxGroups = MaxGroups, MaxLineBytes = MaxLineBytes, RegexTimeout = RegexTimeout };
}
