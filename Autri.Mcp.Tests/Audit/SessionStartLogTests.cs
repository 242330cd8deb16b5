namespace Autri.Mcp.Tests.Audit;

[Collection(McpCollection.Name)]
public sealed class SessionStartLogTests(McpStack stack)
{
    private readonly McpHttp _mcp = new(stack.Endpoint);

    [Fact]
    public async Task An_accepted_initialize_logs_one_mcp_session_started_line_for_the_dashboard()
    {
        var connector = await (await stack.NewTenantAsync()).NewOAuthConnectorAsync();
        var token = await connector.MintTokenAsync();

        using var init = await _mcp.PostAsync(_mcp.Request("initialize", new
        {
            protocolVersion = "2025-06-18",
            capabilities = new { },
            clientInfo = new { name = "claude-desktop", version = "0.9" },
        }), token);
        await _mcp.RpcAsync(token, "tools/list");

        var lines = await SessionLinesAsync(connector.Id);
        var line = Assert.Single(lines);
        Assert.Equal("claude-desktop", line.GetProperty("client_name").GetString());
        Assert.Equal("2025-06-18", line.GetProperty("protocol_version").GetString());
    }

    private async Task<List<JsonElement>> SessionLinesAsync(Guid connectorId)
    {
        List<JsonElement> found = [];
        for (var i = 0; i < 60; i++)
        {
            await Task.Delay(50);
            if (!File.Exists(stack.LogFile)) continue;
            await using var s = new FileStream(stack.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            found = (await new StreamReader(s).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .Where(l => l.TryGetProperty("event", out var e) && e.GetString() == "mcp_session_started"
                    && l.TryGetProperty("connector_id", out var c) && c.GetString() == connectorId.ToString())
                .ToList();
            if (found.Count > 0 && i > 10) break; // waited long enough for a wrongly doubled line too
        }
        return found;
    }
}
