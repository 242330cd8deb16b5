using Autri.Infra.Hosting;

namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>Checks <see cref="ApiKeyOptions"/> at start; every message names the configuration key to fix.</summary>
public sealed class ApiKeyOptionsValidator() : OptionsCheck<ApiKeyOptions>(Check)
{
    public static IReadOnlyList<string> Check(ApiKeyOptions o)
    {
        const string s = ApiKeyOptions.Section;
        var errors = new List<string>();
        if (o.CurrentPepperVersion is not { } current)
        {
            errors.Add($"Configuration missing value for: {s}:CurrentPepperVersion");
        }
        else if (!o.Peppers.ContainsKey(current.ToString(CultureInfo.InvariantCulture)))
        {
            errors.Add($"Configuration missing value for: {s}:Peppers:{current}");
        }
        foreach (var (version, secret) in o.Peppers)
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
                errors.Add($"Configuration key {s}:Peppers:{version} must be a positive integer version, like {s}:Peppers:1");
            if (PepperBytes(secret) is not { Length: >= ApiKeyOptions.MinPepperBytes })
                errors.Add($"Configuration value {s}:Peppers:{version} must be base64 of at least {ApiKeyOptions.MinPepperBytes} random bytes (e.g. openssl rand -base64 32)");
        }
        if (o.CacheSeconds is < 0 or > ApiKeyOptions.MaxCacheSeconds)
            errors.Add($"Configuration value {s}:CacheSeconds must be 0..{ApiKeyOptions.MaxCacheSeconds}: a revoked key must stop working within {ApiKeyOptions.MaxCacheSeconds} s on every instance");
        if (o.NegativeCacheSeconds < 0 || o.NegativeCacheSeconds > o.CacheSeconds)
            errors.Add($"Configuration value {s}:NegativeCacheSeconds must be 0..{s}:CacheSeconds ({o.CacheSeconds})");
        if (o.CacheMaxEntries < 1)
            errors.Add($"Configuration value {s}:CacheMaxEntries must be at least 1");
        if (o.ReplicaMaxKeys is < 0 or > ApiKeyOptions.MaxReplicaKeys)
            errors.Add($"Configuration value {s}:ReplicaMaxKeys must be 0..{ApiKeyOptions.MaxReplicaKeys} (0 turns the in-memory replica off)");
        return errors;
    }

    internal static byte[]? PepperBytes(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        try { return Convert.FromBase64String(base64); }
        catch (FormatException) { return null; }
    }
}
