namespace Autri.Mcp.Tests.Auth;

[Collection(McpCollection.Name)]
public sealed class IssuerOutageTests(McpStack stack)
{
    [Fact]
    public async Task An_unreachable_issuer_is_a_503_to_retry_not_a_verdict_on_the_token()
    {
        var connector = await (await stack.NewTenantAsync()).NewAppAccessConnectorAsync();
        var issuer = await TestIssuer.StartAsync();
        var token = issuer.Mint(connector.PortalClaims(stack.Endpoint), "at+jwt");
        await using var server = await stack.StartAnotherAsync(new Dictionary<string, string?> { ["Mcp:PortalIssuer"] = issuer.Url });
        await issuer.DisposeAsync(); // gone before the server ever read its keys

        using var response = await server.Mcp.PostAsync(server.Mcp.Request("tools/list"), token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }
}
