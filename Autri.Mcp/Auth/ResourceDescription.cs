namespace Autri.Mcp.Auth;

/// <summary>
/// What the server tells clients about itself, from <see cref="McpOptions"/>: the endpoint they dial (the RFC 8707
/// resource and the exact aud of portal tokens), where its RFC 9728 metadata is, which authorization servers issue
/// tokens for it and which scopes to ask for. The challenge and the metadata documents read it, so they cannot disagree.
/// </summary>
public sealed class ResourceDescription
{
    public const string MetadataPath = "/.well-known/oauth-protected-resource";

    /// <summary>The portal issues refresh tokens only with offline_access, so clients are told to ask for it too.</summary>
    private static readonly string[] PortalScopes = [PortalTokenRules.Scope, "offline_access"];

    public ResourceDescription(McpOptions options)
    {
        BaseUrl = options.ResourceUrl.TrimEnd('/');
        Endpoint = new McpResource(BaseUrl + Transport.McpEndpoints.Path);
        AuthorizationServers = options.EffectiveAuthorizationServers;
        ScopesSupported = options.PortalIssuer is not null ? PortalScopes : [options.ClientCredentialsScope!];
    }

    /// <summary>https://mcp.example.com: the resource of the origin-wide metadata document.</summary>
    public string BaseUrl { get; }

    /// <summary>https://mcp.example.com/mcp, exactly as clients dial it.</summary>
    public McpResource Endpoint { get; }

    /// <summary>The path-specific metadata (RFC 9728 §3.1): its resource is <see cref="Endpoint"/>, the URL the client requested.</summary>
    public string MetadataUrl => BaseUrl + MetadataPath + Transport.McpEndpoints.Path;

    public IReadOnlyList<string> AuthorizationServers { get; }

    /// <summary>What a client should ask for: the scopes_supported of the metadata and the scope of the 401 challenge.</summary>
    public IReadOnlyList<string> ScopesSupported { get; }
}
