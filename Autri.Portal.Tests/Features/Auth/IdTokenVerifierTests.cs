using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Autri.Portal.Tests.Features.Auth;

/// <summary>
/// The real provider only issues good tokens, so the bad ones are forged here with keys of our own and
/// checked by the same validator the sign-in uses.
/// </summary>
public class IdTokenVerifierTests
{
    private const string Issuer = "https://idp.example.test";
    private const string ClientId = "portal";
    private static readonly RsaSecurityKey IssuerKey = new(RSA.Create(2048)) { KeyId = "k1" };
    private static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "k1" };

    private static IdTokenVerifier Validator()
    {
        var config = new OpenIdConnectConfiguration { Issuer = Issuer };
        config.SigningKeys.Add(IssuerKey);
        return new IdTokenVerifier(new StaticConfigurationManager<OpenIdConnectConfiguration>(config), Issuer, ClientId, TimeProvider.System);
    }

    private static string Token(SecurityKey? key = null, string issuer = Issuer, string audience = ClientId, DateTime? expires = null,
        string nonce = "n-1", Dictionary<string, object>? extra = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "user-1", ["email"] = "a@example.test", ["nonce"] = nonce };
        foreach (var (k, v) in extra ?? []) claims[k] = v;
        var exp = expires ?? DateTime.UtcNow.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = exp.AddMinutes(-10),
            NotBefore = exp.AddMinutes(-10),
            Expires = exp,
            SigningCredentials = new SigningCredentials(key ?? IssuerKey, SecurityAlgorithms.RsaSha256),
        });
    }

    [Fact]
    public async Task A_good_token_gives_its_claims() =>
        Assert.Equal("a@example.test", (await Validator().ValidateAsync(Token(), "n-1", default)).Identity?.FindFirst("email")?.Value);

    [Fact]
    public async Task An_expired_token_is_refused() =>
        Assert.Equal("the id_token has expired", (await Validator().ValidateAsync(Token(expires: DateTime.UtcNow.AddMinutes(-10)), "n-1", default)).Problem);

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused() =>
        Assert.Contains("signature", (await Validator().ValidateAsync(Token(key: OtherKey), "n-1", default)).Problem);

    [Fact]
    public async Task A_token_for_another_client_is_refused() =>
        Assert.Equal("the id_token was issued to another client", (await Validator().ValidateAsync(Token(audience: "someone-else"), "n-1", default)).Problem);

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        Assert.Equal("the id_token comes from another issuer", (await Validator().ValidateAsync(Token(issuer: "https://evil.example"), "n-1", default)).Problem);

    [Fact]
    public async Task A_token_with_another_nonce_is_refused() =>
        Assert.Equal("the nonce does not match this sign-in", (await Validator().ValidateAsync(Token(nonce: "n-2"), "n-1", default)).Problem);

    [Fact]
    public async Task An_access_token_is_not_accepted_as_an_id_token() =>
        Assert.Equal("token_use is 'access', not 'id'", (await Validator().ValidateAsync(Token(extra: new() { ["token_use"] = "access" }), "n-1", default)).Problem);

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = ClientId, Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "x", ["nonce"] = "n-1" },
        });

        Assert.False((await Validator().ValidateAsync(unsigned, "n-1", default)).IsValid);
    }

    [Fact]
    public async Task Garbage_is_refused_as_malformed() =>
        Assert.Equal("the id_token is malformed", (await Validator().ValidateAsync("not-a-jwt", "n-1", default)).Problem);
}
