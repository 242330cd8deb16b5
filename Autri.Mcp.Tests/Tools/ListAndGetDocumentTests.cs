namespace Autri.Mcp.Tests.Tools;

[Collection(McpCollection.Name)]
public sealed class ListAndGetDocumentTests(McpStack stack)
{
    private readonly McpHttp _mcp = new(stack.Endpoint);

    private static string ErrorText(System.Text.Json.JsonElement result)
    {
        Assert.True(result.GetProperty("isError").GetBoolean(), result.GetRawText());
        return result.GetProperty("content")[0].GetProperty("text").GetString()!;
    }

    [Fact]
    public async Task List_pages_through_every_document_of_the_library_once()
    {
        var tenant = await stack.NewTenantAsync();
        var ids = await tenant.AddDocumentsAsync(Enumerable.Range(1, 5).Select(i => new NewDocument($"Doc {i}", $"https://d/{i}", new string('x', i))).ToArray());
        await (await stack.NewTenantAsync()).AddDocumentsAsync(new NewDocument("Someone else's", null, "y"));
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await _mcp.CallToolAsync(token, "list_documents", cursor is null ? new { limit = 2 } : new { limit = 2, cursor }))
                .GetProperty("structuredContent");
            seen.AddRange(page.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Select(i => i.ToString()).Order(), seen.Order());
    }

    [Fact]
    public async Task A_cursor_this_server_did_not_issue_is_a_tool_error()
    {
        var token = await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "list_documents", new { cursor = "not-a-cursor!" });

        Assert.Contains("'cursor' is not a next_cursor this server returned", ErrorText(result));
    }

    [Fact]
    public async Task Get_returns_the_text_in_parts_no_larger_than_the_cap()
    {
        var tenant = await stack.NewTenantAsync();
        var text = string.Concat(Enumerable.Range(0, 2500).Select(i => (char)('a' + i % 26)));
        var id = (await tenant.AddDocumentsAsync(new NewDocument("Long one", "https://d/long", text)))[0];
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();

        var first = (await _mcp.CallToolAsync(token, "get_document", new { id })).GetProperty("structuredContent");
        var range = (await _mcp.CallToolAsync(token, "get_document", new { id, start = 2400, length = 500 })).GetProperty("structuredContent");

        Assert.Equal(2500, first.GetProperty("total_length").GetInt32());
        Assert.Equal(text[..1000], first.GetProperty("content").GetString()); // Mcp:MaxDocumentChars is 1000 in this stack
        Assert.Equal(1000, first.GetProperty("next_start").GetInt32());
        Assert.Equal(text[2400..], range.GetProperty("content").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, range.GetProperty("next_start").ValueKind);
        Assert.Equal("Long one", range.GetProperty("title").GetString());
        Assert.Equal("https://d/long", range.GetProperty("link").GetString());
    }

    [Fact]
    public async Task A_length_over_the_cap_is_refused_with_the_cap_in_the_message()
    {
        var token = await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "get_document", new { id = Guid.NewGuid(), length = 5000 });

        Assert.Contains("'length' must be from 1 to 1000; got 5000", ErrorText(result));
    }

    [Fact]
    public async Task A_document_of_another_library_is_indistinguishable_from_a_missing_one()
    {
        var mine = await stack.NewTenantAsync();
        var foreign = (await (await stack.NewTenantAsync()).AddDocumentsAsync(new NewDocument("Theirs", null, "secret")))[0];
        var token = await (await mine.NewOAuthConnectorAsync()).MintTokenAsync();

        var otherLibrary = await _mcp.CallToolAsync(token, "get_document", new { id = foreign });
        var missing = await _mcp.CallToolAsync(token, "get_document", new { id = Guid.NewGuid() });

        Assert.Equal("Document not found.", ErrorText(otherLibrary));
        Assert.Equal(otherLibrary.GetRawText(), missing.GetRawText());
    }

    [Theory]
    [InlineData("""{"id":"12"}""", "'id' must be a document id (a UUID)")]
    [InlineData("""{}""", "Missing required argument 'id'")]
    [InlineData("""{"id":"6a0f0000-0000-7000-8000-000000000000","start":-1}""", "'start' must be at least 0; got -1")]
    public async Task Bad_get_document_input_is_a_tool_error(string arguments, string expected)
    {
        var token = await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "get_document", System.Text.Json.JsonDocument.Parse(arguments).RootElement);

        Assert.Contains(expected, ErrorText(result));
    }

    [Fact]
    public async Task A_start_past_the_end_says_how_long_the_document_is()
    {
        var tenant = await stack.NewTenantAsync();
        var id = (await tenant.AddDocumentsAsync(new NewDocument("Short", null, "tiny")))[0];
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "get_document", new { id, start = 10 });

        Assert.Contains("past the end of the document (4 characters)", ErrorText(result));
    }
}
