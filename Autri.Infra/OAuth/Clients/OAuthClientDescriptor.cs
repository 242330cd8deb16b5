using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Autri.Infra.OAuth.Clients;

/// <summary>How a client came to be known: registered itself (RFC 7591) or vouched for by a metadata document.</summary>
public enum ClientSource { Registered, MetadataDocument }

/// <summary>
/// The one place an OpenIddict application is described for an MCP client: code flow only, PKCE required,
/// the authorization, token and revocation endpoints, scope mcp.invoke. Loopback redirect URIs make it a native
/// client and are registered a second time without their port, so OpenIddict's RFC 8252 rule accepts any port.
/// </summary>
public static class OAuthClientDescriptor
{
    public const string SourceProperty = "autri_source";
    public const string RegisteredAtProperty = "autri_registered_at";

    public static OpenIddictApplicationDescriptor Create(string clientId, string? secret, string? name, IReadOnlyCollection<string> redirectUris,
        bool refreshTokens, ClientSource source, DateTimeOffset now)
    {
        var loopback = redirectUris.Select(RedirectUriRule.AnyPortForm).OfType<string>().ToList();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = secret is null ? ClientTypes.Public : ClientTypes.Confidential,
            ApplicationType = loopback.Count > 0 ? ApplicationTypes.Native : ApplicationTypes.Web,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = name,
        };
        foreach (var uri in redirectUris.Concat(loopback).Distinct(StringComparer.Ordinal)) descriptor.RedirectUris.Add(new Uri(uri));
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Prefixes.Scope + OAuthClaims.McpScope,
        ]);
        if (refreshTokens) descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        descriptor.Properties[SourceProperty] = JsonSerializer.SerializeToElement(source == ClientSource.Registered ? "dcr" : "cimd");
        descriptor.Properties[RegisteredAtProperty] = JsonSerializer.SerializeToElement(now.UtcDateTime.ToString("O"));
        return descriptor;
    }
}
