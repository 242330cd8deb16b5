using Autri.Infra.Connectors.ApiKeys;
using Autri.Infra.Connectors.McpAccess;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Npgsql;

namespace Autri.Mcp.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Who may call: JWT access tokens from <c>Mcp:Issuer</c> (discovery and JWKS fetched and refreshed), the connector
    /// each names (cached for at most <c>Mcp:RevocationCacheSeconds</c>), and API keys where the deployment allows them.
    /// </summary>
    public static void AddCallerAuthentication(this WebApplicationBuilder builder, McpOptions mcp)
    {
        var services = builder.Services;
        services.AddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(_ =>
            new ConfigurationManager<OpenIdConnectConfiguration>(
                mcp.Issuer.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = mcp.Issuer.StartsWith("https://", StringComparison.OrdinalIgnoreCase) }));
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton(sp => new ConnectorDirectory(sp.GetRequiredService<NpgsqlDataSource>(),
            TimeSpan.FromSeconds(mcp.RevocationCacheSeconds), sp.GetRequiredService<TimeProvider>()));
        // Without API keys the authenticator gets no verifier and refuses autri_sk_ credentials with a clear reason.
        if (mcp.ApiKeysEnabled) services.AddApiKeys(builder.Configuration);
        services.AddSingleton<CallerAuthenticator>();
    }
}
