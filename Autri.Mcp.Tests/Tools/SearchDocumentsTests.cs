namespace Autri.Mcp.Tests.Tools;

[Collection(McpCollection.Name)]
public sealed class SearchDocumentsTests(McpStack stack)
{
    private readonly McpHttp _mcp = new(stack.Endpoint);

    [Fact]
    public async Task Search_returns_ranked_matches_with_title_link_and_highlighted_snippet()
    {
        var tenant = await stack.NewTenantAsync();
        await tenant.AddDocumentsAsync(
            new NewDocument("Rotating an API key", "https://docs.example/rotate", "Rotate the key and keep the grace period short. Rotation keeps the connector."),
            new NewDocument("Billing", "https://docs.example/billing", "Invoices are sent monthly. A key question is the invoice currency."),
            new NewDocument("Unrelated", null, "Nothing about that here."));
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "search_documents", new { query = "rotate or key" });

        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean());
        var structured = result.GetProperty("structuredContent");
        var hits = structured.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, structured.GetProperty("count").GetInt32());
        Assert.Equal("Rotating an API key", hits[0].GetProperty("title").GetString());
        Assert.Equal("https://docs.example/rotate", hits[0].GetProperty("link").GetString());
        Assert.Contains("**Rotate**", hits[0].GetProperty("snippet").GetString());
        Assert.True(hits[0].GetProperty("score").GetDouble() > hits[1].GetProperty("score").GetDouble());
        // The same payload as text for clients that read only content.
        Assert.Contains("Rotating an API key", result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Search_never_returns_documents_of_another_library()
    {
        var mine = await stack.NewTenantAsync();
        var theirs = await stack.NewTenantAsync();
        await mine.AddDocumentsAsync(new NewDocument("Our pelican handbook", null, "Pelicans of our own."));
        await theirs.AddDocumentsAsync(new NewDocument("Their pelican secrets", null, "Pelicans of another org."));
        var token = await (await mine.NewOAuthConnectorAsync()).MintTokenAsync();

        var hits = (await _mcp.CallToolAsync(token, "search_documents", new { query = "pelican", limit = 50 }))
            .GetProperty("structuredContent").GetProperty("results").EnumerateArray().Select(h => h.GetProperty("title").GetString()).ToList();

        Assert.Equal(["Our pelican handbook"], hits);
    }

    [Fact]
    public async Task Search_honours_the_limit()
    {
        var tenant = await stack.NewTenantAsync();
        await tenant.AddDocumentsAsync(Enumerable.Range(1, 7).Select(i => new NewDocument($"Walrus note {i}", null, "walrus " + i)).ToArray());
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "search_documents", new { query = "walrus", limit = 3 });

        Assert.Equal(3, result.GetProperty("structuredContent").GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"limit":5}""", "Missing required argument 'query'")]
    [InlineData("""{"query":"   "}""", "'query' must not be empty")]
    [InlineData("""{"query":"x","limit":51}""", "'limit' must be from 1 to 50; got 51")]
    [InlineData("""{"query":"x","limit":0}""", "'limit' must be from 1 to 50; got 0")]
    [InlineData("""{"query":"x","limit":"ten"}""", "'limit' must be a whole number (from 1 to 50), not a string")]
    [InlineData("""{"query":"x","limit":2.5}""", "'limit' must be a whole number")]
    [InlineData("""{"query":42}""", "'query' must be a string, not a number")]
    [InlineData("""{"query":"x","sort":"date"}""", "Unknown argument 'sort'. This tool takes: query, limit.")]
    public async Task Bad_input_is_a_tool_error_that_says_what_is_wrong(string arguments, string expected)
    {
        var tenant = await stack.NewTenantAsync();
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "search_documents", System.Text.Json.JsonDocument.Parse(arguments).RootElement);

        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains(expected, result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_query_of_only_stop_words_finds_nothing_rather_than_failing()
    {
        var tenant = await stack.NewTenantAsync();
        await tenant.AddDocumentsAsync(new NewDocument("The doc", null, "the and of"));
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "search_documents", new { query = "the" });

        Assert.Equal(0, result.GetProperty("structuredContent").GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("\"grace period\"", new[] { "Adjacent", "Billing" })]
    [InlineData("grace -billing", new[] { "Adjacent", "Apart" })]
    [InlineData("grace -\"grace period\"", new[] { "Apart" })]
    [InlineData("invoice or short", new[] { "Adjacent", "Billing" })]
    [InlineData("rotate", new[] { "Adjacent", "Apart" })]
    public async Task Phrases_exclusions_and_or_mean_the_same_on_the_index_and_on_Postgres(string query, string[] expected)
    {
        var tenant = await stack.NewTenantAsync();
        await tenant.AddDocumentsAsync(
            new NewDocument("Adjacent", null, "Keep the grace period short when rotating keys."),
            new NewDocument("Apart", null, "A period of grace follows each rotation."),
            new NewDocument("Billing", null, "The grace period for invoices, and billing keys."));
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();
        await using var postgres = await stack.StartAnotherAsync(new() { ["Mcp:SearchIndex"] = "Postgres" });

        foreach (var mcp in new[] { new McpHttp(stack.Endpoint), postgres.Mcp })
        {
            var titles = (await mcp.CallToolAsync(token, "search_documents", new { query }))
                .GetProperty("structuredContent").GetProperty("results").EnumerateArray().Select(h => h.GetProperty("title").GetString()).Order();
            Assert.Equal(expected, titles);
        }
    }

    [Fact]
    public async Task A_query_that_only_excludes_is_a_tool_error_that_says_what_to_add()
    {
        var tenant = await stack.NewTenantAsync();
        var token = await (await tenant.NewOAuthConnectorAsync()).MintTokenAsync();

        var result = await _mcp.CallToolAsync(token, "search_documents", new { query = "-billing" });

        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("add a word or \"phrase\" to search for", result.GetProperty("content")[0].GetProperty("text").GetString());
    }
}
