namespace Autri.Portal.Tests.Features.Help;

/// <summary>/help/connect: how every Claude client (and any MCP client) connects by URL; API keys only where enabled.</summary>
[Collection(PortalCollection.Name)]
public class ConnectHelpTests(PortalStack stack)
{
    private const string McpEndpoint = "http://127.0.0.1:8000/mcp";

    [Fact]
    public async Task The_guide_gives_the_address_and_each_client_s_way_to_connect_by_url()
    {
        using var me = await stack.SignInAsync();

        var help = await me.GetAsync("/help/connect");

        Assert.Equal(HttpStatusCode.OK, help.Status);
        Assert.Equal(McpEndpoint, help.Document.QuerySelector("#mcp-endpoint")!.GetAttribute("value"));
        Assert.Contains("Add custom connector", help.Text);
        Assert.Equal($"claude mcp add --transport http autri {McpEndpoint}", help.TextAt("#claude-code-command"));
        Assert.Equal($"npx -y mcp-remote {McpEndpoint}", help.TextAt("#mcp-remote-command"));
        var server = JsonDocument.Parse(help.TextAt("#stdio-config")!).RootElement.GetProperty("mcpServers").GetProperty("autri");
        Assert.Equal(["-y", "mcp-remote", McpEndpoint], server.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.False(server.TryGetProperty("env", out _)); // connecting by URL needs no secret
        // This deployment also takes API keys, so the guide says how, with a placeholder (the real key is filled in where it is shown).
        Assert.Contains("\"AUTRI_AUTH\": \"Bearer YOUR_API_KEY\"", help.TextAt("#api-key-config"));
    }

    [Fact]
    public async Task Where_api_keys_are_off_the_guide_does_not_offer_them()
    {
        await using var portal = await stack.StartSpareAsync(new Dictionary<string, string?> { ["Connectors:ApiKeysEnabled"] = "false" });
        var email = await stack.InviteNewAsync("nokeys");
        using var me = await PortalSession.SignInAsync(portal.Url, email);

        var help = await me.GetAsync("/help/connect");

        Assert.Equal(HttpStatusCode.OK, help.Status);
        Assert.False(help.Has("api-key-config"));
        Assert.DoesNotContain("API key", help.Text);
        Assert.Equal($"claude mcp add --transport http autri {McpEndpoint}", help.TextAt("#claude-code-command"));
    }

    [Fact]
    public async Task The_old_claude_desktop_address_redirects_to_the_guide()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await http.GetAsync(stack.Portal.Url + "/help/claude-desktop");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/help/connect", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_page_that_shows_a_new_api_key_also_shows_the_claude_desktop_config_with_that_key()
    {
        using var me = await stack.SignInAsync();

        var created = await me.CreateConnectorAsync("Desktop key", kind: "api_key");

        var config = JsonDocument.Parse(created.Page.TextAt("#claude-config-with-key")!).RootElement.GetProperty("mcpServers").GetProperty("autri");
        Assert.Equal("Bearer " + created.Secret, config.GetProperty("env").GetProperty("AUTRI_AUTH").GetString());
        Assert.Equal(["-y", "mcp-remote", McpEndpoint, "--header", "Authorization:${AUTRI_AUTH}"], config.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain("YOUR_", created.Page.Html);
        Assert.Contains("no-store", created.Page.CacheControl);
    }
}
