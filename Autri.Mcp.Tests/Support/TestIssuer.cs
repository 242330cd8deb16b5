using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Autri.Mcp.Tests.Support;

/// <summary>
/// A second, minimal token issuer on Kestrel (OIDC discovery + JWKS with RSA keys of its own) for the token shapes the
/// dev IdP never issues: Cognito's (no aud, resource-server scope, connector found by client_id), the portal's (at+jwt,
/// exact aud, app-access connector), and each way a token can be wrong. The MCP server under test discovers it exactly
/// as it does Cognito or the portal. <see cref="RotateKey"/> publishes a new key and signs with it from then on.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RsaSecurityKey> _keys = [];

    private TestIssuer(string url)
    {
        Url = url;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = url,
            ["jwks_uri"] = url + "/jwks",
            ["token_endpoint"] = url + "/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/jwks", () => Results.Json(new Dictionary<string, object> { ["keys"] = PublishedKeys() }));
    }

    public string Url { get; }

    /// <summary>How many times the JWKS was fetched: shows when the server under test re-read the keys.</summary>
    public int JwksFetches { get; private set; }

    public static async Task<TestIssuer> StartAsync()
    {
        var issuer = new TestIssuer($"http://127.0.0.1:{FreePort.Next()}");
        issuer.RotateKey();
        await issuer._app.StartAsync();
        return issuer;
    }

    /// <summary>Publishes a new key (the old ones stay published) and signs every later token with it.</summary>
    public void RotateKey()
    {
        lock (_keys) _keys.Add(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-" + Guid.NewGuid().ToString("N")[..8] });
    }

    private object[] PublishedKeys()
    {
        lock (_keys)
        {
            JwksFetches++;
            return _keys.Select(key =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
                return (object)new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E };
            }).ToArray();
        }
    }

    /// <summary>
    /// An RS256 JWT with these claims, signed with the newest key; iss, iat and a one-hour exp are added unless given
    /// (null removes one). The header's typ is <paramref name="type"/> (JWT by default; the portal's access tokens say at+jwt).
    /// </summary>
    public string Mint(Dictionary<string, object?> claims, string type = "JWT")
    {
        var now = DateTimeOffset.UtcNow;
        var all = new Dictionary<string, object?>
        {
            ["iss"] = Url,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        foreach (var (k, v) in claims) all[k] = v;
        var payload = all.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);
        RsaSecurityKey key;
        lock (_keys) key = _keys[^1];
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            TokenType = type,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
