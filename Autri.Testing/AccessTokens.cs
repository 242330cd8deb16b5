using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Autri.Testing;

/// <summary>Validates an access token as the MCP server would: signature by the issuer's JWKS (from discovery), issuer, audience, lifetime.</summary>
public static class AccessTokens
{
    /// <summary>The resource the dev IdP issues connector tokens for.</summary>
    public const string McpResource = "http://127.0.0.1:8000";

    /// <summary>The validated token; throws with the validator's reason when it does not validate.</summary>
    public static Task<JsonWebToken> ValidateAsync(string issuer, string token) => ValidateAsync(issuer, token, McpResource);

    /// <summary>As <see cref="ValidateAsync(string, string)"/>, for tokens whose audience is <paramref name="audience"/> (the portal's own issuer: the MCP URL).</summary>
    public static async Task<JsonWebToken> ValidateAsync(string issuer, string token, string audience)
    {
        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(issuer + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = false });
        var discovery = await manager.GetConfigurationAsync(CancellationToken.None);
        if (discovery.SigningKeys.Count == 0) throw new InvalidOperationException("The issuer's JWKS has no signing keys.");
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = discovery.SigningKeys,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        });
        if (!result.IsValid) throw new InvalidOperationException("The access token did not validate: " + result.Exception?.Message, result.Exception);
        return (JsonWebToken)result.SecurityToken;
    }
}
