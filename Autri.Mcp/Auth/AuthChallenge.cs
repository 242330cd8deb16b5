namespace Autri.Mcp.Auth;

/// <summary>
/// The RFC 6750 / RFC 9728 challenge: where the protected-resource metadata is and which scope to ask for, plus
/// the error code when a credential was sent and refused. MCP clients follow <c>resource_metadata</c> to find
/// the authorization server.
/// </summary>
public static class AuthChallenge
{
    public static string MetadataUrl(McpOptions options) => options.ResourceUrl.TrimEnd('/') + ProtectedResourceMetadata.Path;

    public static string For(AuthFailure failure, McpOptions options)
    {
        var header = $"Bearer resource_metadata=\"{MetadataUrl(options)}\", scope=\"{options.RequiredScope}\"";
        if (failure.Error is not null) header += $", error=\"{failure.Error}\", error_description=\"{failure.Description}\"";
        return header;
    }
}
