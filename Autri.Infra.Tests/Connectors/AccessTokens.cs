using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Autri.Infra.Tests.Connectors;

/// <summary>Validates an access token as the MCP server would: signature by the issuer's JWKS (from discovery), issuer, audience, lifetime.</summary>
internal static class AccessTokens
{
    public const string McpResource = "http://127.0.0.1:8000";

    public static async Task<JsonWebToken> ValidateAsync(string issuer, string token)
    {
        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(issuer + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = false });
        var discovery = await manager.GetConfigurationAsync(CancellationToken.None);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = McpResource,
            IssuerSigningKeys = discovery.SigningKeys,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        });
        Assert.True(result.IsValid, "The access token did not validate: " + result.Exception?.Message);
        Assert.NotEmpty(discovery.SigningKeys);
        return (JsonWebToken)result.SecurityToken;
    }
}
