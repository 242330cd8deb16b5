namespace Autri.Portal.Tests.Features.Connectors;

[Collection(PortalCollection.Name)]
public class OAuthConnectorPageTests(PortalStack stack)
{
    [Fact]
    public async Task The_client_secret_is_shown_once_on_a_no_store_page_and_never_again()
    {
        using var me = await stack.SignInAsync();

        var created = await me.CreateConnectorAsync("Claude Desktop");

        Assert.Contains("no-store", created.Page.CacheControl);
        Assert.Contains("will not be shown again", created.Page.Html);
        Assert.False(string.IsNullOrEmpty(created.ClientId));
        Assert.Equal(created.Secret, created.Page.Document.QuerySelector("#secret-value")!.GetAttribute("value"));
        foreach (var path in new[] { "/connectors", $"/connectors/{created.Id}", $"/connectors/{created.Id}/setup", $"/connectors/{created.Id}/token", "/help/connect" })
        {
            var page = await me.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain(created.Secret, page.Html);
        }
        Assert.Contains(created.ClientId!, (await me.GetAsync($"/connectors/{created.Id}")).Html);
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM connectors t WHERE t::text LIKE '%' || @s || '%'", new { s = created.Secret }));
    }

    [Fact]
    public async Task A_token_minted_on_the_page_validates_with_the_mcp_scope_and_the_connector_id()
    {
        using var me = await stack.SignInAsync();
        var created = await me.CreateConnectorAsync("Minting");

        var minted = await me.PostAsync($"/connectors/{created.Id}/token", "mint-token", new Dictionary<string, string> { ["Form.Secret"] = created.Secret });

        Assert.Equal(HttpStatusCode.OK, minted.Status);
        Assert.Contains("no-store", minted.CacheControl);
        var token = minted.Document.QuerySelector("#access-token")!.TextContent.Trim();
        var jwt = await AccessTokens.ValidateAsync(stack.Idp.Issuer, token);
        Assert.Contains("mcp.invoke", jwt.GetClaim("scope").Value.Split(' '));
        Assert.Equal(created.Id.ToString(), jwt.GetClaim("connector_id").Value);
        Assert.Contains("UTC", minted.TextAt("[data-testid=token-expiry]"));
        Assert.DoesNotContain(created.Secret, minted.Html);
    }

    [Fact]
    public async Task The_mint_form_on_the_shown_once_page_posts_to_the_mint_page()
    {
        using var me = await stack.SignInAsync();
        var created = await me.CreateConnectorAsync("Right away");
        var form = created.Page.Document.QuerySelector($"form[action='/connectors/{created.Id}/token']")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");

        var response = await me.Client.PostAsync(me.PortalUrl + form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        var minted = await Page.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, minted.Status);
        await AccessTokens.ValidateAsync(stack.Idp.Issuer, minted.Document.QuerySelector("#access-token")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_wrong_secret_gets_a_clear_message_linked_to_the_field()
    {
        using var me = await stack.SignInAsync();
        var created = await me.CreateConnectorAsync("Typo");

        var refused = await me.PostAsync($"/connectors/{created.Id}/token", "mint-token", new Dictionary<string, string> { ["Form.Secret"] = "not-it" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("the secret is wrong, or the connector has been revoked", refused.TextAt("#error-summary"));
        Assert.Equal($"/connectors/{created.Id}/token#f-secret", refused.Document.QuerySelector("#error-summary a")!.GetAttribute("href"));
        Assert.Null(refused.Document.QuerySelector("#access-token"));
    }

    [Fact]
    public async Task After_revoking_in_the_portal_the_token_endpoint_refuses_the_client()
    {
        using var me = await stack.SignInAsync();
        var created = await me.CreateConnectorAsync("Short lived");

        var revoked = await me.PostAsync($"/connectors/{created.Id}/revoke", "revoke-connector", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        Assert.Equal($"/connectors/{created.Id}?done=revoked", revoked.Location);
        var details = await me.GetAsync($"/connectors/{created.Id}?done=revoked");
        Assert.Contains("Connector revoked", details.Html);
        var minter = stack.Portal.Services.GetRequiredService<TokenMinter>();
        var refused = await Assert.ThrowsAsync<TokenMintException>(() => minter.MintAsync(created.ClientId!, created.Secret, default));
        Assert.Equal("invalid_client", refused.OAuthError);
        var page = await me.PostAsync($"/connectors/{created.Id}/token", "mint-token", new Dictionary<string, string> { ["Form.Secret"] = created.Secret });
        Assert.Contains("revoked", page.TextAt("#error-summary"));
    }

    [Fact]
    public async Task The_setup_page_fills_in_the_endpoint_client_id_and_token_endpoint_but_not_the_secret()
    {
        using var me = await stack.SignInAsync();
        var created = await me.CreateConnectorAsync("Setup");

        var setup = await me.GetAsync($"/connectors/{created.Id}/setup");

        Assert.Equal("http://127.0.0.1:8000/mcp", setup.Document.QuerySelector("#mcp-endpoint")!.GetAttribute("value"));
        var tokenRequest = setup.TextAt("#token-request")!;
        Assert.Contains($"-u '{created.ClientId}:YOUR_CLIENT_SECRET'", tokenRequest);
        Assert.Contains(stack.Idp.Issuer + "/token", tokenRequest);
        var config = setup.TextAt("#claude-config")!;
        Assert.Contains("\"mcp-remote\", \"http://127.0.0.1:8000/mcp\", \"--header\", \"Authorization:${AUTRI_AUTH}\"", config);
        Assert.Contains("\"AUTRI_AUTH\": \"Bearer YOUR_ACCESS_TOKEN\"", config);
        System.Text.Json.JsonDocument.Parse(config).Dispose();
        Assert.StartsWith("AUTRI_AUTH='Bearer YOUR_ACCESS_TOKEN' npx -y mcp-remote 'http://127.0.0.1:8000/mcp' --header", setup.TextAt("#mcp-remote-command"));
        Assert.StartsWith("curl -i -X POST 'http://127.0.0.1:8000/mcp'", setup.TextAt("#curl-smoke-test"));
        Assert.DoesNotContain(created.Secret, setup.Html);
    }
}
