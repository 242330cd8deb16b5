namespace Autri.Portal.Features.Admin;

public sealed record DependencyState(string Name, bool Healthy, string Detail);

public sealed record ConfigurationSource(string Name, IReadOnlyList<(string Key, string Value)> Values);

/// <summary>Checks each dependency on demand for the admin Health page, each with a short timeout.</summary>
public sealed class HealthReport(DatabaseHealthProbe database, IParameterStore parameters, IOptions<PortalOptions> portal,
    IOptionsMonitor<OidcOptions> oidc, IConfiguration configuration)
{
    private static readonly string[] SecretWords = ["secret", "password", "pepper", "token", "key", "connectionstring"];

    public static string Version { get; } = ProductVersion.Of(typeof(HealthReport).Assembly);

    public async Task<IReadOnlyList<DependencyState>> CheckAsync(CancellationToken ct)
    {
        return await Task.WhenAll(Database(ct), IdentityProvider(ct), ParameterStore(ct));
    }

    /// <summary>Each configuration provider and the keys it sets, secrets masked.</summary>
    public IReadOnlyList<ConfigurationSource> Sources()
    {
        if (configuration is not IConfigurationRoot root) return [];
        return root.Providers.Select(p => new ConfigurationSource(p.ToString() ?? p.GetType().Name, Keys(p, null)
                .Where(k => !k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) && !k.StartsWith("DOTNET_", StringComparison.Ordinal))
                .Where(k => k.Contains(':') && (k.StartsWith("Portal", StringComparison.Ordinal) || k.StartsWith("Identity", StringComparison.Ordinal)
                    || k.StartsWith("Database", StringComparison.Ordinal) || k.StartsWith("Aws", StringComparison.Ordinal) || k.StartsWith("Connectors", StringComparison.Ordinal)
                    || k.StartsWith("ApiKeys", StringComparison.Ordinal) || k.StartsWith("Logs", StringComparison.Ordinal) || k.StartsWith("Costs", StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal)
                .Select(k => (k, Mask(k, p.TryGet(k, out var v) ? v ?? "" : "")))
                .ToList()))
            .Where(s => s.Values.Count > 0)
            .ToList();
    }

    internal static string Mask(string key, string value)
    {
        var lower = key.ToLowerInvariant();
        if (!SecretWords.Any(lower.Contains)) return value;
        return value.Length == 0 ? "(empty)" : $"•••• ({value.Length} characters)";
    }

    private static IEnumerable<string> Keys(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct())
        {
            var key = parent is null ? child : parent + ":" + child;
            yield return key;
            foreach (var grandchild in Keys(provider, key)) yield return grandchild;
        }
    }

    private async Task<DependencyState> Database(CancellationToken ct)
    {
        try
        {
            using var timeout = Timeout(ct);
            var h = await database.CheckAsync(timeout.Token);
            var vectorText = h.VectorVersion is { } v ? $"pgvector {v} installed"
                : h.VectorAvailable ? "pgvector available but not installed" : "pgvector not available on this server (Debian's PostgreSQL lacks it; RDS has it)";
            return new("Database", h.MigrationsCurrent,
                $"PostgreSQL {h.ServerVersion}; {(h.MigrationsCurrent ? "migrations current" : "pending: " + string.Join(", ", h.PendingMigrations))}; {vectorText}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new("Database", false, "unreachable: " + ex.Message);
        }
    }

    private async Task<DependencyState> IdentityProvider(CancellationToken ct)
    {
        var o = oidc.Get(OidcOptions.Scheme);
        try
        {
            using var timeout = Timeout(ct);
            var config = await o.ConfigurationManager!.GetConfigurationAsync(timeout.Token);
            return new("Identity provider", true, $"{o.Authority}: discovery ok, {config.SigningKeys.Count} signing key(s)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new("Identity provider", false, $"{o.Authority}: discovery failed: {ex.Message}");
        }
    }

    private async Task<DependencyState> ParameterStore(CancellationToken ct)
    {
        var name = portal.Value.AllowlistParameter;
        var kind = portal.Value.IsLocal ? "local (Postgres)" : "SSM Parameter Store";
        try
        {
            using var timeout = Timeout(ct);
            var p = await parameters.GetAsync(name, timeout.Token);
            return new("Parameter store", true, $"{kind}: {name} version {p.Version}");
        }
        catch (ParameterStoreException ex) when (ex.IsNotFound)
        {
            return new("Parameter store", false, $"{kind}: {name} does not exist yet, so nobody but admins can sign in. Create it on the Allowlist page.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new("Parameter store", false, $"{kind}: {ex.Message}");
        }
    }

    private static CancellationTokenSource Timeout(CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(3));
        return cts;
    }
}
