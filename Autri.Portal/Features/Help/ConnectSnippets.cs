namespace Autri.Portal.Features.Help;

/// <summary>
/// What a client that connects by URL is given: the MCP endpoint, and for each kind of client the one command or file
/// that names it. No secret appears anywhere: the client signs the person in on the portal and keeps its own tokens.
/// </summary>
public sealed record ConnectSnippets(string McpEndpoint)
{
    /// <summary>Claude Code (it signs in when asked with /mcp).</summary>
    public string ClaudeCodeCommand => $"claude mcp add --transport http autri {McpEndpoint}";

    /// <summary>Any client that starts a command (stdio): mcp-remote signs in through the browser and bridges to the URL.</summary>
    public string McpRemoteCommand => $"npx -y mcp-remote {McpEndpoint}";

    /// <summary>The same as a claude_desktop_config.json entry, the file format most stdio clients share.</summary>
    public string StdioClientConfig => $$"""
        {
          "mcpServers": {
            "autri": {
              "command": "npx",
              "args": ["-y", "mcp-remote", "{{McpEndpoint}}"]
            }
          }
        }
        """;
}
