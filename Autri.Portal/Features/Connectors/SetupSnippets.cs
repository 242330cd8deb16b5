using Autri.Domain.Connectors;

namespace Autri.Portal.Features.Connectors;

/// <summary>
/// The copy-paste setup text for an MCP client that sends a pasted credential: real values (endpoint, client id, token
/// endpoint, scope) filled in, the secret a placeholder, except on the page that shows a new secret once, which fills it
/// in (<see cref="Secret"/>). Claude Desktop reaches a remote MCP server through <c>mcp-remote</c>, which passes our
/// Authorization header; the header value comes from an environment variable so the secret is not repeated in the args.
/// (Connecting by URL needs none of this: <see cref="Help.ConnectSnippets"/>.)
/// </summary>
public sealed record SetupSnippets(string McpEndpoint, ConnectorKind? Kind, string? ClientId, string? TokenEndpoint, string Scope, string? Secret = null)
{
    /// <summary>What the person replaces: the API key, or a token minted with the OAuth client.</summary>
    public string Placeholder => Kind == ConnectorKind.OAuthClient ? "YOUR_ACCESS_TOKEN" : Kind == ConnectorKind.ApiKey ? "YOUR_API_KEY" : "YOUR_SECRET";

    /// <summary>The credential in the snippets: the secret itself where the page may show it, else the placeholder.</summary>
    public string Credential => Secret ?? Placeholder;

    public string ClaudeDesktopConfig => $$"""
        {
          "mcpServers": {
            "autri": {
              "command": "npx",
              "args": ["-y", "mcp-remote", "{{McpEndpoint}}", "--header", "Authorization:${AUTRI_AUTH}"],
              "env": { "AUTRI_AUTH": "Bearer {{Credential}}" }
            }
          }
        }
        """;

    public string McpRemoteCommand => $$"""
        AUTRI_AUTH='Bearer {{Credential}}' npx -y mcp-remote '{{McpEndpoint}}' --header 'Authorization:${AUTRI_AUTH}'
        """;

    public string CurlSmokeTest => $$$$"""
        curl -i -X POST '{{{{McpEndpoint}}}}' \
          -H 'Authorization: Bearer {{{{Credential}}}}' \
          -H 'Content-Type: application/json' \
          -H 'Accept: application/json, text/event-stream' \
          -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}'
        """;

    /// <summary>OAuth connectors only: the client_credentials request that mints a token (HTTP Basic, as the portal does).</summary>
    public string? TokenRequest => Kind == ConnectorKind.OAuthClient && ClientId is not null && TokenEndpoint is not null
        ? $$"""
            curl -s -X POST '{{TokenEndpoint}}' \
              -u '{{ClientId}}:YOUR_CLIENT_SECRET' \
              -d grant_type=client_credentials \
              -d scope='{{Scope}}'
            """
        : null;
}
