namespace Autri.Infra.Allowlist;

/// <summary>
/// Reads ALLOWED_EMAILS through the parameter-store port and caches it briefly, so an edit takes effect
/// within <see cref="Ttl"/> without a restart or redeploy. The sign-in gate and the Cognito trigger both use it.
/// If the store fails after a good read, the last good list keeps serving (logged); with no good read yet the
/// failure propagates, so sign-in fails closed.
/// </summary>
public sealed class AllowlistReader(IParameterStore store, string parameterName, TimeSpan ttl, TimeProvider clock, ILogger<AllowlistReader> log)
{
    public static readonly TimeSpan MaxTtl = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (BetaAllowlist List, DateTimeOffset ReadAt)? _cached;

    public TimeSpan Ttl { get; } = ttl > MaxTtl ? MaxTtl : ttl;

    public async Task<BetaAllowlist> GetAsync(CancellationToken ct = default)
    {
        if (_cached is { } fresh && clock.GetUtcNow() - fresh.ReadAt < Ttl) return fresh.List;
        await _refresh.WaitAsync(ct);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() - again.ReadAt < Ttl) return again.List;
            var list = await ReadAsync(ct);
            _cached = (list, clock.GetUtcNow());
            return list;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _cached is { } stale)
        {
            log.LogWarning(ex, "Allowlist read failed; serving the list read at {read_at}", stale.ReadAt);
            return stale.List;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public async Task<bool> IsAllowedAsync(string email, CancellationToken ct = default) => (await GetAsync(ct)).Contains(email);

    /// <summary>Drops the cached list so this process sees its own edit at once.</summary>
    public void Invalidate() => _cached = null;

    private async Task<BetaAllowlist> ReadAsync(CancellationToken ct)
    {
        try
        {
            var p = await store.GetAsync(parameterName, ct);
            return BetaAllowlist.FromParameterValue(p.Value);
        }
        catch (ParameterStoreException ex) when (ex.IsNotFound)
        {
            log.LogWarning("Allowlist parameter {parameter} does not exist; nobody is allowed in", parameterName);
            return BetaAllowlist.Empty;
        }
    }
}
