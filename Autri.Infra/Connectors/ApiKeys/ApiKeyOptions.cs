namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// Configuration section <c>ApiKeys</c>:
/// <c>ApiKeys:Peppers:&lt;version&gt;</c> = base64 secret of at least 32 bytes (one per version, normally 1–2),
/// <c>ApiKeys:CurrentPepperVersion</c> = the version new keys are hashed with,
/// <c>ApiKeys:CacheSeconds</c> (default 30, 0 disables, at most 30 so a revoked key stops working within
/// 30 s on every instance), <c>ApiKeys:NegativeCacheSeconds</c> (unknown keys, default 5, at most CacheSeconds),
/// <c>ApiKeys:CacheMaxEntries</c> (default 100000), <c>ApiKeys:ReplicaMaxKeys</c> (default 250000, 0 disables: the most keys
/// an MCP server holds in memory to verify a key it has not seen without a query, see <see cref="ApiKeyReplica"/>).
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";
    public const int MaxCacheSeconds = 30;
    public const int MinPepperBytes = 32;
    public const int MaxReplicaKeys = 10_000_000;

    public Dictionary<string, string> Peppers { get; set; } = new(StringComparer.Ordinal);

    public int? CurrentPepperVersion { get; set; }

    public int CacheSeconds { get; set; } = 30;

    public int NegativeCacheSeconds { get; set; } = 5;

    public int CacheMaxEntries { get; set; } = 100_000;

    public int ReplicaMaxKeys { get; set; } = 250_000;
}
