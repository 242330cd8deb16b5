namespace Autri.Mcp.Tests.Transport;

[Collection(McpCollection.Name)]
public sealed class StreamableHttpTests(McpStack stack)
{
    private static readonly HttpClient Http = new();
    private readonly McpHttp _mcp = new(stack.Endpoint);

    private async Task<string> TokenAsync() => await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();

    [Fact]
    public async Task Initialize_answers_over_sse_unbuffered_with_the_tools_capability()
    {
        var token = await TokenAsync();
        using var response = await _mcp.PostAsync(_mcp.Request("initialize", new
        {
            protocolVersion = "2025-06-18",
            capabilities = new { },
            clientInfo = new { name = "test", version = "1" },
        }), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        var result = McpHttp.SingleEvent(await response.Content.ReadAsStringAsync()).GetProperty("result");
        Assert.Equal("2025-06-18", result.GetProperty("protocolVersion").GetString());
        Assert.True(result.GetProperty("capabilities").TryGetProperty("tools", out _));
        Assert.Equal("autri-documents", result.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.False(response.Headers.Contains("Mcp-Session-Id")); // stateless: no session to resume
    }

    [Fact]
    public async Task Tools_list_describes_each_parameter_with_json_schema()
    {
        var tools = (await _mcp.RpcAsync(await TokenAsync(), "tools/list")).GetProperty("result").GetProperty("tools").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!);

        Assert.Equal(["get_document", "list_documents", "search_documents"], tools.Keys.Order());
        var search = tools["search_documents"].GetProperty("inputSchema");
        Assert.Equal("object", search.GetProperty("type").GetString());
        Assert.False(search.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["query"], search.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(50, search.GetProperty("properties").GetProperty("limit").GetProperty("maximum").GetInt32());
        Assert.Equal("uuid", tools["get_document"].GetProperty("inputSchema").GetProperty("properties").GetProperty("id").GetProperty("format").GetString());
        Assert.True(tools["search_documents"].GetProperty("annotations").GetProperty("readOnlyHint").GetBoolean());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/event-stream")]
    [InlineData("*/*")]
    public async Task A_client_that_does_not_accept_both_json_and_sse_gets_406(string accept)
    {
        using var response = await _mcp.PostAsync(_mcp.Request("tools/list"), await TokenAsync(), accept: accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Contains("application/json and text/event-stream", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":")]
    [InlineData("not json at all")]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}]")]
    public async Task Malformed_json_gets_a_json_rpc_parse_error_with_400(string body)
    {
        using var response = await _mcp.PostAsync(body, await TokenAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2.0", json.GetProperty("jsonrpc").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("id").ValueKind);
        Assert.Equal(-32700, json.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_body_that_is_not_json_content_gets_415()
    {
        using var response = await _mcp.PostAsync(_mcp.Request("tools/list"), await TokenAsync(), contentType: "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_protocol_version_gets_400_naming_the_supported_ones()
    {
        using var response = await _mcp.PostAsync(_mcp.Request("tools/list"), await TokenAsync(),
            headers: new Dictionary<string, string> { ["MCP-Protocol-Version"] = "1999-01-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2025-06-18", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("2025-03-26")]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    public async Task Supported_protocol_versions_are_served(string version)
    {
        var response = await _mcp.RpcAsync(await TokenAsync(), "tools/list", headers: new Dictionary<string, string> { ["MCP-Protocol-Version"] = version });

        Assert.Equal(3, response.GetProperty("result").GetProperty("tools").GetArrayLength());
    }

    [Theory]
    [InlineData("2025-11-25", true)]
    [InlineData("2025-06-18", false)] // older clients may fail on an event without data
    [InlineData("", false)]           // no header means 2025-03-26
    public async Task A_stream_for_a_2025_11_25_client_starts_with_a_priming_event(string version, bool primed)
    {
        var headers = version.Length > 0 ? new Dictionary<string, string> { ["MCP-Protocol-Version"] = version } : null;
        using var response = await _mcp.PostAsync(_mcp.Request("tools/list"), await TokenAsync(), headers: headers);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(primed ? 2 : 1, events.Length);
        if (primed)
        {
            var lines = events[0].Split('\n');
            Assert.Matches("^id: [0-9a-f]{32}$", lines[0]);
            Assert.Equal("retry: 2000", lines[1]);
            Assert.Equal("data: ", lines[2]);
        }
        Assert.Contains("\"tools\"", events[^1]);
    }

    [Fact]
    public async Task Initialize_asking_for_2025_11_25_is_primed_before_the_header_exists()
    {
        using var response = await _mcp.PostAsync(_mcp.Request("initialize", new
        {
            protocolVersion = "2025-11-25",
            capabilities = new { },
            clientInfo = new { name = "test", version = "1" },
        }), await TokenAsync());
        var body = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("id: ", body);
        Assert.Equal("2025-11-25", McpHttp.SingleEvent(body).GetProperty("result").GetProperty("protocolVersion").GetString());
    }

    [Fact]
    public async Task Session_headers_from_clients_and_agentcore_are_accepted_and_ignored()
    {
        var response = await _mcp.RpcAsync(await TokenAsync(), "tools/list", headers: new Dictionary<string, string>
        {
            ["Mcp-Session-Id"] = "a-session-this-server-never-issued",
            ["X-Amzn-Bedrock-AgentCore-Runtime-Session-Id"] = Guid.NewGuid().ToString(),
        });

        Assert.Equal(3, response.GetProperty("result").GetProperty("tools").GetArrayLength());
    }

    [Fact]
    public async Task A_notification_is_accepted_with_202_and_no_body()
    {
        using var response = await _mcp.PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", await TokenAsync());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_tool_is_a_json_rpc_invalid_params_error()
    {
        var response = await _mcp.RpcAsync(await TokenAsync(), "tools/call", new { name = "delete_everything", arguments = new { } });

        Assert.Equal(-32602, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("Unknown tool 'delete_everything'", response.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task Get_and_delete_answer_405(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), stack.Endpoint);
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + await TokenAsync());
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_with_413()
    {
        var huge = _mcp.Request("tools/call", new { name = "search_documents", arguments = new { query = new string('a', 1_100_000) } });
        using var response = await _mcp.PostAsync(huge, await TokenAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
