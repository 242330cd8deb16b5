namespace Autri.Infra.OAuth;

/// <summary>Claims and properties the portal's authorization server adds to OpenIddict's.</summary>
public static class OAuthClaims
{
    /// <summary>The app-access connector a grant belongs to: in access tokens (the MCP server requires it) and in the authorization's properties.</summary>
    public const string ConnectorId = "connector_id";

    /// <summary>Kept only in codes and refresh tokens: the user passed the allowlist gate as an admin when they consented.</summary>
    public const string Admin = "autri_admin";

    public const string McpScope = "mcp.invoke";
}
