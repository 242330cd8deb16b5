namespace Autri.Mcp.Tests.Interop;

/// <summary>
/// A client not written here: the official MCP TypeScript SDK (npm @modelcontextprotocol/sdk, pinned in
/// tests/mcp-interop/package.json) drives this server over Streamable HTTP with a token minted through the
/// connector flow, with an API key, unauthenticated (401 challenge, then the metadata it names), and through the
/// SDK's own OAuth client-credentials flow against the dev IdP. The node test's exit code is the verdict.
/// </summary>
[Collection(McpCollection.Name)]
public sealed class TypeScriptSdkInteropTests(McpStack stack)
{
    [Fact]
    public async Task The_official_typescript_client_lists_tools_and_searches_with_a_token_and_an_api_key()
    {
        await NodeProject.EnsureInstalledAsync(NodeProject.Interop);
        var tenant = await stack.NewTenantAsync();
        await tenant.AddDocumentsAsync(
            new NewDocument("Interop: rotating keys", "https://docs.example/interop", "How to rotate an interoperable key with a grace period."),
            new NewDocument("Something else", null, "Unrelated words only."));
        var oauth = await tenant.NewOAuthConnectorAsync("Interop OAuth");
        var token = await oauth.MintTokenAsync();
        var key = await tenant.NewApiKeyConnectorAsync("Interop key");
        var sdkClient = await tenant.NewOAuthConnectorAsync("Interop SDK OAuth");

        var (exitCode, output) = await NodeProject.RunAsync(NodeProject.Interop, "node", ["--test", "--test-reporter=spec", "interop.test.mjs"], new Dictionary<string, string>
        {
            ["MCP_URL"] = stack.Endpoint,
            ["MCP_TOKEN"] = token,
            ["MCP_API_KEY"] = key.Plaintext,
            ["MCP_CLIENT_ID"] = sdkClient.ClientId,
            ["MCP_CLIENT_SECRET"] = sdkClient.ClientSecret,
            ["MCP_ISSUER"] = stack.Idp.Issuer,
            ["MCP_QUERY"] = "interoperable rotate",
            ["MCP_EXPECT_TITLE"] = "Interop: rotating keys",
        }, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, "node --test failed:\n" + output);
        Assert.Contains("pass 5", output);
    }
}
