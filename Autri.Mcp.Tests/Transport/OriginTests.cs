using System.Net;
using Autri.Mcp.Tests.Support;

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
