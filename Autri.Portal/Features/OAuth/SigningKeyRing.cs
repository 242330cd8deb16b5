using Autri.Infra.OAuth.SigningKeys;
using Microsoft.Extensions.Primitives;

namespace Autri.Portal.Features.OAuth;

/// <summary>
/// The signing keys this instance uses, read from Postgres (<see cref="SigningKeyStore"/>) at start and every
/// <c>OAuth:SigningKeyRefresh</c>. OpenIddict's options are rebuilt whenever the set changes (this is their change-token
/// source), so the JWKS and the server's own token validation follow it; tokens are signed with the active key
/// through <see cref="OAuthServerHandlers.SignWithActiveKey"/>, never with anything else.
/// </summary>
public sealed class SigningKeyRing(SigningKeyStore store, ILogger<SigningKeyRing> log) : IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile SigningKeySet? _keys;
    private CancellationTokenSource _changed = new();

    public string? Name => Options.DefaultName;

    public SigningKeySet? Current => _keys;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    /// <summary>The active key as credentials, loading the keys first if this instance has none yet.</summary>
    public async ValueTask<SigningCredentials> ActiveCredentialsAsync(CancellationToken ct)
    {
        var keys = _keys ?? await RefreshAsync(ct);
        return new SigningCredentials(keys.Active, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>Reads the keys (making or retiring keys as the schedule says) and publishes a change when the set differs.</summary>
    public async Task<SigningKeySet> RefreshAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            var loaded = await store.LoadAsync(ct);
            var before = _keys;
            if (before is null || Describe(before) != Describe(loaded))
            {
                _keys = loaded;
                log.LogInformation(new EventId(50, "oauth_signing_keys_loaded"), "Signing with key {key_id}; publishing {count} key(s)", loaded.Active.KeyId, loaded.Published.Count);
                var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
                previous.Cancel();
                previous.Dispose();
            }
            return _keys!;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static string Describe(SigningKeySet keys) => keys.Active.KeyId + ":" + string.Join(',', keys.Published.Select(k => k.KeyId));
}

/// <summary>Puts the ring's keys into OpenIddict's options each time they are built (active key first).</summary>
public sealed class SigningKeyOptionsSetup(SigningKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
{
    // OpenIddict will not build its options without a signing key, and the database (so the real keys) may not be
    // reachable yet when the first request comes. This placeholder is published until then but never signs:
    // SignWithActiveKey signs with the ring's active key or not at all.
    private static readonly RsaSecurityKey Placeholder = new(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "not-yet-loaded" };

    public void Configure(OpenIddictServerOptions options)
    {
        if (ring.Current is not { } keys)
        {
            options.SigningCredentials.Add(new SigningCredentials(Placeholder, SecurityAlgorithms.RsaSha256));
            return;
        }
        foreach (var key in keys.Published) options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }
}

/// <summary>Loads the signing keys at start (retrying until the database answers) and re-reads them every <c>OAuth:SigningKeyRefresh</c>.</summary>
public sealed class SigningKeyRefresher(SigningKeyRing ring, Autri.Infra.OAuth.OAuthOptions options, TimeProvider clock, ILogger<SigningKeyRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ring.RefreshAsync(stoppingToken);
                retry = TimeSpan.FromSeconds(1);
                await Task.Delay(options.SigningKeyRefresh, clock, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Until migrations have run, or while the database is down: the keys it holds are still in use here.
                log.LogWarning(new EventId(51, "oauth_signing_keys_unavailable"), ex, "Could not read the signing keys; retrying in {delay_s} s", retry.TotalSeconds);
                await Task.Delay(retry, clock, stoppingToken);
                retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, 30));
            }
        }
    }
}
