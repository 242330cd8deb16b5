namespace Autri.Mcp.Auth;

/// <summary>
/// The RFC 6750 / RFC 9728 challenge: where the protected-resource metadata of the endpoint is and which scope to ask
/// for, plus the error code when a credential was sent and refused. MCP clients follow <c>resource_metadata</c> to find
/// the authorization server; a 403 names the scope the token lacked.
/// </summary>
public static class AuthChallenge
{
    public static string For(AuthFailure failure, ResourceDescription resource)
    {
        var scope = failure.MissingScope ?? string.Join(' ', resource.ScopesSupported);
        var header = $"Bearer resource_metadata=\"{resource.MetadataUrl}\", scope=\"{scope}\"";
        if (failure.Error is not null) header += $", error=\"{failure.Error}\", error_description=\"{failure.Description}\"";
        return header;
    }
}
