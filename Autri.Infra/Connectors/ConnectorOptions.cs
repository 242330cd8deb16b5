namespace Autri.Infra.Connectors;

/// <summary>
/// Configuration section <c>Connectors</c>.
/// <list type="bullet">
/// <item><c>Registry</c>: <c>Local</c> (RFC 7591 dynamic registration at the dev IdP) or <c>Cognito</c> (app clients).</item>
/// <item><c>Authority</c>: the issuer whose discovery document names the token (and registration) endpoint; default <c>Identity:Authority</c>.</item>
/// <item><c>Scope</c>: the scope tokens are minted with: <c>mcp.invoke</c> locally, <c>https://mcp.example.com/mcp.invoke</c> on Cognito.</item>
/// <item><c>MaxPerUser</c>: live connectors one person may have (default 10).</item>
/// <item><c>ApiKeysEnabled</c>: offer API-key connectors (default false). Only where the MCP server accepts them: behind
/// AgentCore's JWT authorizer it cannot, so a deployment there sets false (infra-cdk passes its per-environment flag).</item>
/// <item><c>OAuthClientsEnabled</c>: offer OAuth-client (client-credentials) connectors (default true). Behind AgentCore's
/// JWT authorizer, which trusts only the portal's own authorization server, their tokens could never pass, so infra-cdk
/// sets false there: assistants connect by URL instead (consent creates an app-access connector).</item>
/// <item>Local: <c>RegistrationEndpoint</c> (default: discovery's <c>registration_endpoint</c>), <c>RegistrationToken</c> (RFC 7591 initial access token).</item>
/// <item>Cognito: <c>UserPoolId</c>, <c>AccessTokenMinutes</c> (default 60), <c>McpClientId</c> (the public MCP client: with
/// the portal's own client, <c>Identity:ClientId</c>, one the portal never acts on as a connector's).</item>
/// </list>
/// </summary>
public sealed class ConnectorOptions
{
    public const string Section = "Connectors";

    public string Registry { get; set; } = "Local";

    public string? Authority { get; set; }

    public string Scope { get; set; } = "mcp.invoke";

    public int MaxPerUser { get; set; } = Domain.Connectors.ConnectorLimit.Default;

    public bool ApiKeysEnabled { get; set; }

    public bool OAuthClientsEnabled { get; set; } = true;

    /// <summary>Neither kind is offered: the only way in is connecting by URL (the portal's authorization server).</summary>
    public bool ConnectByUrlOnly => !ApiKeysEnabled && !OAuthClientsEnabled;

    public string? RegistrationEndpoint { get; set; }

    public string? RegistrationToken { get; set; }

    public string? UserPoolId { get; set; }

    public int AccessTokenMinutes { get; set; } = 60;

    public string? McpClientId { get; set; }

    /// <summary>The portal's own app client (<c>Identity:ClientId</c>, set at registration).</summary>
    public string? PortalClientId { get; set; }

    /// <summary>The deployment's own app clients: no connector's, so never deleted (or described, or rotated) as one.</summary>
    public IReadOnlyCollection<string> ReservedClientIds =>
        new[] { PortalClientId, McpClientId }.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).ToArray();

    public bool IsCognito => string.Equals(Registry, "Cognito", StringComparison.Ordinal);

    public string MetadataAddress => Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
}
