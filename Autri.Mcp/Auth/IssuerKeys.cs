using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Autri.Mcp.Auth;

/// <summary>
/// One issuer's signing keys, from its OIDC discovery document and JWKS: read on first use, again every 30 minutes, and
/// at once when a token names a key id not among them (a rotation), at most once a minute so tokens with made-up key
/// ids cannot make us hammer the issuer. The portal publishes a new key an hour before it signs with it, so the
/// periodic read usually knows it already. (IdentityModel's ConfigurationManager refreshes in the background on
/// request, so the token that showed the new key would still be refused; here the read happens before it is checked.)
/// If a read fails, the keys already held stay in use; with none, validation cannot happen (the caller answers 503).
/// </summary>
public sealed class IssuerKeys(string issuer, TimeProvider clock)
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan UnknownKeyReadsAtMostEvery = TimeSpan.FromMinutes(1);

    private readonly string _discovery = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
    private readonly HttpDocumentRetriever _retriever = new() { RequireHttps = issuer.StartsWith("https://", StringComparison.OrdinalIgnoreCase) };
    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Snapshot? _current;
    private DateTimeOffset _lastUnknownKeyRead = DateTimeOffset.MinValue;

    /// <exception cref="InvalidOperationException">No keys could ever be read.</exception>
    public async Task<ICollection<SecurityKey>> CurrentAsync(CancellationToken ct)
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow() - current.ReadAt < ReadEvery) return current.Keys;
        return await ReadAsync(current, ct);
    }

    /// <summary>A token named a key id we do not hold: read the keys again (unless that was done within the last minute).</summary>
    /// <returns>The keys to try again with, or null when nothing new was read.</returns>
    public async Task<ICollection<SecurityKey>?> AfterUnknownKeyAsync(CancellationToken ct)
    {
        var current = _current;
        await _reading.WaitAsync(ct);
        try
        {
            if (!ReferenceEquals(current, _current)) return _current!.Keys; // another request read them meanwhile
            var now = clock.GetUtcNow();
            if (now - _lastUnknownKeyRead < UnknownKeyReadsAtMostEvery) return null;
            _lastUnknownKeyRead = now;
            return (await ReadLockedAsync(current, ct)).Keys;
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<ICollection<SecurityKey>> ReadAsync(Snapshot? seen, CancellationToken ct)
    {
        await _reading.WaitAsync(ct);
        try
        {
            if (!ReferenceEquals(seen, _current) && _current is { } fresher) return fresher.Keys;
            return (await ReadLockedAsync(seen, ct)).Keys;
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<Snapshot> ReadLockedAsync(Snapshot? fallback, CancellationToken ct)
    {
        try
        {
            var config = await OpenIdConnectConfigurationRetriever.GetAsync(_discovery, _retriever, ct);
            var snapshot = new Snapshot(config.SigningKeys.ToList(), clock.GetUtcNow());
            _current = snapshot;
            return snapshot;
        }
        catch (Exception ex) when (fallback is not null && ex is not OperationCanceledException)
        {
            return fallback; // stale keys beat none; the next read tries again
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not InvalidOperationException)
        {
            throw new InvalidOperationException($"The signing keys of {issuer} could not be read", ex);
        }
    }

    private sealed record Snapshot(ICollection<SecurityKey> Keys, DateTimeOffset ReadAt);
}
