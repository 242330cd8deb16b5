using System.Security.Cryptography;
using Autri.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Autri.Mcp.Tests.Support;

/// <summary>
/// A second, minimal token issuer on Kestrel (OIDC discovery + JWKS with its own RSA key) for the token shapes the
/// dev IdP never issues: Cognito's (no aud, resource-server scope, connector found by client_id), a missing scope,
/// an id token, another audience, no expiry. The MCP server under test discovers it exactly as it does Cognito.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestIssuer(WebApplication app, RsaSecurityKey key, string url)
    {
        _app = app;
        _key = key;
        Url = url;
    }

    public string Url { get; }

    public static async Task<TestIssuer> StartAsync()
    {
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-" + Guid.NewGuid().ToString("N")[..8] };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = url,
            ["jwks_uri"] = url + "/jwks",
            ["token_endpoint"] = url + "/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[] { new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E } },
        }));
        await app.StartAsync();
        return new TestIssuer(app, key, url);
    }

    /// <summary>An RS256 JWT with these claims; iss, iat and a one-hour exp are added unless given (null removes one).</summary>
    public string Mint(Dictionary<string, object?> claims)
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
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
