namespace Autri.Infra.OAuth;

/// <summary>Claims and properties the portal's authorization server adds to OpenIddict's.</summary>
public static class OAuthClaims
{
    /// <summary>The app-access connector a grant belongs to: in access tokens (the MCP server requires it) and in the authorization's properties.</summary>
    public const string ConnectorId = "connector_id";

    public const string McpScope = "mcp.invoke";
}
