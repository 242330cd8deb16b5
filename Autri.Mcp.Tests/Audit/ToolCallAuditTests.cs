namespace Autri.Mcp.Tests.Audit;

[Collection(McpCollection.Name)]
public sealed class ToolCallAuditTests(McpStack stack)
{
    private readonly McpHttp _mcp = new(stack.Endpoint);

    private async Task<List<(string Tool, string Status, int LatencyMs, int? ResultCount)>> AuditRowsAsync(Guid connectorId)
    {
        await stack.FlushAuditAsync();
        await using var cmd = stack.Db.CreateCommand("SELECT tool, status, latency_ms, result_count FROM mcp_audit_log WHERE connector_id = $1 ORDER BY id");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = connectorId });
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string, int, int?)>();
        while (await r.ReadAsync()) rows.Add((r.GetString(0), r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetInt32(3)));
        return rows;
    }

    /// <summary>The mcp.jsonl lines for a connector (the file logger writes off the request path, so wait for them).</summary>
    private async Task<List<JsonElement>> LogLinesAsync(Guid connectorId, int atLeast)
    {
        for (var i = 0; ; i++)
        {
            var lines = File.Exists(stack.LogFile)
                ? (await ReadSharedAsync(stack.LogFile)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                    .Where(l => l.TryGetProperty("connector_id", out var c) && c.GetString() == connectorId.ToString())
                    .ToList()
                : [];
            if (lines.Count >= atLeast || i == 100) return lines;
            await Task.Delay(50);
        }
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(s);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Every_tool_call_writes_an_audit_row_and_one_log_line_without_the_query()
    {
        var tenant = await stack.NewTenantAsync();
        await tenant.AddDocumentsAsync(new NewDocument("Narwhal migration", null, "narwhal tusks"), new NewDocument("Narwhal diet", null, "narwhal food"));
        var connector = await tenant.NewOAuthConnectorAsync();
        var token = await connector.MintTokenAsync();

        await _mcp.CallToolAsync(token, "search_documents", new { query = "narwhal" });
        await _mcp.CallToolAsync(token, "search_documents", new { query = "narwhal", limit = 500 });
        await _mcp.CallToolAsync(token, "get_document", new { id = Guid.NewGuid() });

        var rows = await AuditRowsAsync(connector.Id);
        Assert.Equal([("search_documents", "ok"), ("search_documents", "error"), ("get_document", "error")], rows.Select(r => (r.Tool, r.Status)));
        Assert.Equal(2, rows[0].ResultCount);
        Assert.Null(rows[1].ResultCount);
        Assert.All(rows, r => Assert.True(r.LatencyMs >= 0));

        var lines = await LogLinesAsync(connector.Id, 3);
        var calls = lines.Where(l => l.GetProperty("event").GetString() == "mcp_tool_call").ToList();
        Assert.Equal(3, calls.Count);
        Assert.Equal("search_documents", calls[0].GetProperty("tool").GetString());
        Assert.Equal("ok", calls[0].GetProperty("status").GetString());
        Assert.Equal(2, calls[0].GetProperty("result_count").GetInt32());
        Assert.True(calls[0].GetProperty("latency_ms").GetInt32() >= 0);
        Assert.Equal("error", calls[1].GetProperty("status").GetString());
        Assert.Equal("invalid_arguments", calls[1].GetProperty("reason").GetString());
        Assert.Equal("not_found", calls[2].GetProperty("reason").GetString());
        Assert.DoesNotContain(lines, l => l.GetRawText().Contains("narwhal", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Refused_credentials_are_logged_with_a_reason_and_no_secret()
    {
        var tenant = await stack.NewTenantAsync();
        var connector = await tenant.NewOAuthConnectorAsync();
        var token = await connector.MintTokenAsync();
        var key = await tenant.NewApiKeyConnectorAsync();
        await _mcp.RpcAsync(token, "tools/list");
        await _mcp.RpcAsync(key.Plaintext, "tools/list");
        await tenant.RevokeAsync(connector.Id);
        await tenant.RevokeAsync(key.ConnectorId);

        using (stack.Clock.Shift(TimeSpan.FromSeconds(31)))
        {
            (await _mcp.PostAsync(_mcp.Request("tools/list"), token)).Dispose();
            (await _mcp.PostAsync(_mcp.Request("tools/list"), key.Plaintext)).Dispose();
        }

        var refusals = (await LogLinesAsync(connector.Id, 1)).Concat(await LogLinesAsync(key.ConnectorId, 1))
            .Where(l => l.GetProperty("event").GetString() == "mcp_auth_failed").ToList();
        Assert.Equal(["revoked", "revoked"], refusals.Select(l => l.GetProperty("reason").GetString()));
        var log = await ReadSharedAsync(stack.LogFile);
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain(token.Split('.')[2], log); // not even the signature
        Assert.DoesNotContain(key.Plaintext, log);
        Assert.DoesNotContain(connector.ClientSecret, log);
    }

    [Fact]
    public async Task Audit_rows_never_hold_query_text_or_document_content()
    {
        var tenant = await stack.NewTenantAsync();
        await tenant.AddDocumentsAsync(new NewDocument("Quokka", null, "quokka smiles"));
        var connector = await tenant.NewOAuthConnectorAsync();
        var token = await connector.MintTokenAsync();

        await _mcp.CallToolAsync(token, "search_documents", new { query = "quokka" });
        await stack.FlushAuditAsync();

        var leaked = await stack.Db.ScalarAsync<long>(
            "SELECT count(*) FROM mcp_audit_log a WHERE a::text ILIKE '%quokka%' AND connector_id = $1", connector.Id);
        Assert.Equal(0, leaked);
    }
}
