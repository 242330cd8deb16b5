namespace Autri.Mcp.Tests.Auth;

[Collection(McpCollection.Name)]
public sealed class ProtectedResourceMetadataTests(McpStack stack)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task The_challenge_points_at_the_endpoint_s_own_metadata_naming_the_issuer_and_scope()
    {
        var mcp = new McpHttp(stack.Endpoint);
        using var refused = await mcp.PostAsync(mcp.Request("tools/list"), bearer: null);
        var url = refused.Headers.WwwAuthenticate.Single().Parameter!.Split('"')[1];

        using var response = await Http.GetAsync(url);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // RFC 9728 §3.3: the resource must be exactly the URL the client dialled, or the client discards the document.
        Assert.Equal(stack.Url + "/.well-known/oauth-protected-resource/mcp", url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stack.Endpoint, json.GetProperty("resource").GetString());
        Assert.Equal([stack.Idp.Issuer], json.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["mcp.invoke"], json.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("WWW-Authenticate", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Fact]
    public async Task The_root_document_names_the_origin_as_its_resource()
    {
        using var response = await Http.GetAsync(stack.Url + "/.well-known/oauth-protected-resource");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stack.Url, json.GetProperty("resource").GetString());
    }
}
