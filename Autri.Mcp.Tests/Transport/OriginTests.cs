namespace Autri.Mcp.Tests.Transport;

[Collection(McpCollection.Name)]
public sealed class OriginTests(McpStack stack)
{
    private static readonly HttpClient Http = new();
    private readonly McpHttp _mcp = new(stack.Endpoint);

    [Fact]
    public async Task A_foreign_origin_is_refused_with_403_even_with_a_valid_token()
    {
        var token = await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();

        using var response = await _mcp.PostAsync(_mcp.Request("tools/list"), token,
            headers: new Dictionary<string, string> { ["Origin"] = "http://evil.example" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_foreign_origin_is_refused_before_credentials_are_looked_at()
    {
        using var response = await _mcp.PostAsync(_mcp.Request("tools/list"), bearer: null,
            headers: new Dictionary<string, string> { ["Origin"] = "http://127.0.0.1.evil.example" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task An_allowed_origin_is_served_with_cors_headers_that_expose_the_challenge()
    {
        var token = await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();

        var ok = await _mcp.RpcAsync(token, "tools/list", headers: new Dictionary<string, string> { ["Origin"] = McpStack.AllowedOrigin });
        using var refused = await _mcp.PostAsync(_mcp.Request("tools/list"), bearer: null,
            headers: new Dictionary<string, string> { ["Origin"] = McpStack.AllowedOrigin });

        Assert.Equal(3, ok.GetProperty("result").GetProperty("tools").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(McpStack.AllowedOrigin, refused.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("WWW-Authenticate", refused.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Theory]
    [InlineData("http://localhost:6274")]  // the MCP Inspector's port
    [InlineData("http://127.0.0.1:3000")]
    [InlineData("http://[::1]:8080")]
    [InlineData("https://localhost")]
    public async Task In_local_mode_a_loopback_origin_on_any_port_is_allowed(string origin)
    {
        var token = await (await (await stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();

        var ok = await _mcp.RpcAsync(token, "tools/list", headers: new Dictionary<string, string> { ["Origin"] = origin });

        Assert.Equal(3, ok.GetProperty("result").GetProperty("tools").GetArrayLength());
    }

    [Theory]
    [InlineData("http://localhost.evil.example")]
    [InlineData("http://127.0.0.2:3000")]
    [InlineData("file://localhost")]
    [InlineData("http://localhost:3000/path")]
    public async Task Hosts_that_only_look_like_loopback_are_still_refused(string origin)
    {
        using var response = await _mcp.PostAsync(_mcp.Request("tools/list"), bearer: null,
            headers: new Dictionary<string, string> { ["Origin"] = origin });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Outside_local_mode_a_loopback_origin_must_be_listed()
    {
        await using var aws = await stack.StartAnotherAsync(new Dictionary<string, string?> { ["Mcp:Mode"] = "Aws", ["Mcp:SeedDemoCorpus"] = "false" });

        using var response = await aws.Mcp.PostAsync(aws.Mcp.Request("tools/list"), bearer: null,
            headers: new Dictionary<string, string> { ["Origin"] = "http://localhost:6274" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_lists_the_mcp_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, stack.Endpoint);
        request.Headers.Add("Origin", McpStack.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var allowed = response.Headers.GetValues("Access-Control-Allow-Headers").Single();
        Assert.Contains("Authorization", allowed);
        Assert.Contains("MCP-Protocol-Version", allowed);
    }
}
