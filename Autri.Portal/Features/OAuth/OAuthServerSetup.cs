using Autri.Infra.OAuth;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Autri.Portal.Features.OAuth;

/// <summary>
/// The portal as the OAuth 2.1 authorization server MCP clients use (README: "Connecting an assistant").
/// OpenIddict does the protocol (codes, PKCE, tokens, rotation and reuse detection, revocation, JWKS, RFC 9207);
/// this feature adds registration, metadata documents, the consent page and the connector each consent makes.
/// </summary>
public static class OAuthServerSetup
{
    public static void AddOAuthServer(this WebApplicationBuilder builder, PortalOptions portal)
    {
        var issuer = portal.PublicUrl.TrimEnd('/');
        var resource = new McpResource(portal.McpEndpoint);
        var services = builder.Services;
        var oauth = builder.Configuration.GetSection(OAuthOptions.Section).Get<OAuthOptions>() ?? new OAuthOptions();

        services.AddSingleton(resource);
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<SigningKeyRing>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIddictServerOptions>, SigningKeyOptionsSetup>());
        services.AddHostedService<SigningKeyRefresher>();

        services.AddOAuthStores(builder.Configuration, allowLoopbackDocuments: portal.IsLocal).AddServer(server =>
        {
            server.SetIssuer(new Uri(issuer));
            server.SetAuthorizationEndpointUris(OAuthEndpoints.AuthorizePath.TrimStart('/'), OAuthEndpoints.DecidePath.TrimStart('/'))
                .SetTokenEndpointUris(OAuthEndpoints.TokenPath.TrimStart('/'))
                .SetRevocationEndpointUris("oauth/revoke");
            // PKCE S256 is required of every client by our handler (OAuthServerHandlers.RequireS256) and by each client's
            // descriptor (OAuthClientDescriptor), not by OpenIddict's global switch: that one is checked before the client
            // is validated, so its errors could only be shown here instead of reaching the client.
            server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
            server.RegisterScopes(OAuthClaims.McpScope, OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess);
            // The resource is checked by our handler, which accepts the MCP URL with or without its path (McpResource).
            server.DisableResourceValidation().IgnoreResourcePermissions();
            server.SetAccessTokenLifetime(oauth.AccessTokenLifetime)
                .SetRefreshTokenLifetime(oauth.RefreshTokenLifetime)
                .SetRefreshTokenReuseLeeway(oauth.RefreshTokenReuseLeeway)
                .SetAuthorizationCodeLifetime(oauth.AuthorizationCodeLifetime);
            // Access tokens are plain RS256 JWTs the MCP server validates against our JWKS. Codes and refresh tokens are
            // protected with Data Protection, whose key ring every instance shares, so the encryption key below (which
            // OpenIddict insists on) never protects anything and need not be shared.
            server.DisableAccessTokenEncryption().AddEphemeralEncryptionKey();
            server.UseDataProtection().PreferDefaultAccessTokenFormat();
            server.Configure(o => o.ClientAuthenticationMethods.Remove(OpenIddict.Abstractions.OpenIddictConstants.ClientAuthenticationMethods.PrivateKeyJwt));
            var aspNetCore = server.UseAspNetCore().EnableAuthorizationEndpointPassthrough();
            if (!portal.IsHttps) aspNetCore.DisableTransportSecurityRequirement();
            OAuthServerHandlers.Register(server, issuer, resource, allowLoopbackDocuments: portal.IsLocal);
        });
    }

    public static void MapOAuthServer(this WebApplication app) => app.MapOAuthEndpoints();
}
