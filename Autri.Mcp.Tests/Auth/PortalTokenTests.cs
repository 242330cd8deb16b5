namespace Autri.Mcp.Tests.Auth;

/// <summary>
/// Access tokens of the portal's authorization server (Mcp:PortalIssuer), from a <see cref="TestIssuer"/> standing in
/// for the portal, to a server that trusts it beside the dev IdP's client-credentials tokens: the contract of
/// Autri.Portal/Features/OAuth/README.md, each way a token can break it, revocation within the cache, key rotation.
/// (The real portal's tokens reach a real server in Autri.Portal.Tests' connect-by-URL tests.)
/// </summary>
[Collection(McpCollection.Name)]
public sealed class PortalTokenTests(McpStack stack) : TestPortalTests(stack)
{
    /// <summary>The resource is the first server's (its ResourceUrl is shared), so that is the audience tokens name.</summary>
    private string Audience => Stack.Endpoint;

    private async Task<(Tenant Tenant, AppAccessConnector Connector)> ConnectorAsync()
    {
        var tenant = await Stack.NewTenantAsync();
        return (tenant, await tenant.NewAppAccessConnectorAsync("client-" + Guid.NewGuid().ToString("N")[..8]));
    }

    private string Token(AppAccessConnector connector, Action<Dictionary<string, object?>>? change = null, string type = "at+jwt")
    {
        var claims = connector.PortalClaims(Audience);
        change?.Invoke(claims);
        return Portal.Mint(claims, type);
    }

    private async Task<HttpResponseMessage> ListAsync(string token) => await Server.Mcp.PostAsync(Server.Mcp.Request("tools/list"), token);

    [Fact]
    public async Task A_portal_token_reads_the_library_of_the_app_access_connector_it_names()
    {
        var (tenant, connector) = await ConnectorAsync();
        await tenant.AddDocumentsAsync(new NewDocument("Okapi notes", null, "okapi"));

        var result = await Server.Mcp.CallToolAsync(Token(connector), "search_documents", new { query = "okapi" });

        Assert.Equal(1, result.GetProperty("structuredContent").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_challenge_leads_to_the_portal_and_asks_for_a_refreshable_grant()
    {
        using var refused = await Server.Mcp.PostAsync(Server.Mcp.Request("tools/list"), bearer: null);
        var challenge = refused.Headers.WwwAuthenticate.ToString();
        using var http = new HttpClient();
        var metadata = JsonDocument.Parse(await http.GetStringAsync(Server.Url + "/.well-known/oauth-protected-resource/mcp")).RootElement;

        Assert.Equal($"Bearer resource_metadata=\"{Stack.Url}/.well-known/oauth-protected-resource/mcp\", scope=\"mcp.invoke offline_access\"", challenge);
        Assert.Equal(Audience, metadata.GetProperty("resource").GetString());
        Assert.Equal([Portal.Url], metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["mcp.invoke", "offline_access"], metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("origin")]                 // the portal always puts the endpoint itself in aud; anything else is not ours
    [InlineData("trailing slash")]
    [InlineData("other resource")]
    public async Task A_token_for_another_audience_is_refused(string audience)
    {
        var (_, connector) = await ConnectorAsync();
        var aud = audience switch { "origin" => Stack.Url, "trailing slash" => Audience + "/", _ => "https://other.example/mcp" };

        using var response = await ListAsync(Token(connector, c => c["aud"] = aud));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("another resource", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_jwt_that_is_not_typed_as_an_access_token_is_refused()
    {
        var (_, connector) = await ConnectorAsync();

        using var response = await ListAsync(Token(connector, type: "JWT"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("at+jwt", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_portal_token_must_name_its_connector()
    {
        var (_, connector) = await ConnectorAsync();

        using var response = await ListAsync(Token(connector, c => c["connector_id"] = null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("names no connector", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_portal_token_may_not_speak_for_another_client_s_connector_or_an_oauth_client_connector()
    {
        var (tenant, connector) = await ConnectorAsync();
        var oauthClient = await tenant.NewOAuthConnectorAsync();

        using var otherClient = await ListAsync(Token(connector, c => c["client_id"] = "someone-else"));
        using var otherKind = await ListAsync(Token(connector, c =>
        {
            c["connector_id"] = oauthClient.Id.ToString();
            c["client_id"] = oauthClient.ClientId;
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherKind.StatusCode);
        Assert.Contains("does not belong to the connector", otherKind.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_portal_token_without_mcp_invoke_gets_403_naming_the_scope()
    {
        var (_, connector) = await ConnectorAsync();

        using var response = await ListAsync(Token(connector, c => c["scope"] = "offline_access"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("scope=\"mcp.invoke\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Client_credentials_tokens_keep_working_beside_portal_tokens()
    {
        var (_, connector) = await ConnectorAsync();
        var token = await (await (await Stack.NewTenantAsync()).NewOAuthConnectorAsync()).MintTokenAsync();

        using var portal = await ListAsync(Token(connector));
        using var clientCredentials = await ListAsync(token);

        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clientCredentials.StatusCode);
    }

    [Fact]
    public async Task Tokens_of_a_revoked_app_access_connector_are_refused_once_the_revocation_cache_expires()
    {
        var (tenant, connector) = await ConnectorAsync();
        var token = Token(connector);
        using (var before = await ListAsync(token)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await tenant.RevokeAsync(connector.Id);
        using var shifted = Stack.Clock.Shift(TimeSpan.FromSeconds(31)); // past Mcp:RevocationCacheSeconds (30); the token still has an hour
        using var after = await ListAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("has been revoked", after.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_signed_with_a_key_published_after_the_server_read_the_keys_is_accepted()
    {
        var (_, connector) = await ConnectorAsync();
        using (var first = await ListAsync(Token(connector))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var fetches = Portal.JwksFetches;

        Portal.RotateKey();
        using var rotated = await ListAsync(Token(connector));

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(fetches + 1, Portal.JwksFetches); // the unknown key id made the server read the keys again, once
    }
}
