using Autri.Infra.OAuth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Autri.Portal.Features.Auth;

public sealed record IdTokenResult(ClaimsIdentity? Identity, string? Problem)
{
    public bool IsValid => Identity is not null;
}

/// <summary>
/// Validates an id_token: RS256 signature against the issuer's JWKS from discovery (refreshed once on an
/// unknown key, for key rotation), iss, aud, exp/nbf with a small skew, nonce, and token_use where present.
/// </summary>
public sealed class IdTokenVerifier(IConfigurationManager<OpenIdConnectConfiguration> configuration, string issuer, string clientId, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<IdTokenResult> ValidateAsync(string idToken, string? expectedNonce, CancellationToken ct)
    {
        var result = await ValidateOnceAsync(idToken, ct);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            configuration.RequestRefresh();
            result = await ValidateOnceAsync(idToken, ct);
        }
        if (!result.IsValid) return new(null, Describe(result.Exception));

        var identity = result.ClaimsIdentity;
        if (expectedNonce is null || identity.FindFirst("nonce")?.Value != expectedNonce)
            return new(null, "the nonce does not match this sign-in");
        if (identity.FindFirst("token_use")?.Value is { } use && use != "id")
            return new(null, $"token_use is '{use}', not 'id'");
        return new(identity, null);
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string idToken, CancellationToken ct)
    {
        var config = await configuration.GetConfigurationAsync(ct);
        return await Handler.ValidateTokenAsync(idToken, new StrictJwtParameters(clock, TimeSpan.FromMinutes(2))
        {
            ValidIssuer = issuer,
            ValidAudience = clientId,
            IssuerSigningKeys = config.SigningKeys,
            NameClaimType = "name",
            RoleClaimType = "role",
        });
    }

    private static string Describe(Exception? ex) => ex switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException => "the id_token has expired",
        SecurityTokenInvalidIssuerException => "the id_token comes from another issuer",
        SecurityTokenInvalidAudienceException => "the id_token was issued to another client",
        SecurityTokenSignatureKeyNotFoundException => "the id_token is signed with a key the issuer does not publish",
        SecurityTokenInvalidSignatureException => "the id_token signature is invalid",
        SecurityTokenInvalidAlgorithmException => "the id_token uses an algorithm we do not accept",
        SecurityTokenMalformedException => "the id_token is malformed",
        null => "the id_token is invalid",
        _ => "the id_token is invalid (" + ex.GetType().Name + ")",
    };
}
