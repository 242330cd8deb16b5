namespace Autri.Portal.Tests.Features.OAuth;

/// <summary>Discovery as clients read it, and every bad input answered with a clear OAuth error that creates nothing.</summary>
[Collection(PortalCollection.Name)]
public class OAuthErrorTests(PortalStack stack)
{
    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Discovery_names_the_issuer_exactly_and_offers_only_what_the_server_does(string path)
    {
        using var http = new HttpClient();
        var json = JsonDocument.Parse(await http.GetStringAsync(stack.Portal.Url + path)).RootElement;
        string[] Strings(string name) => json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).Order().ToArray();
        Assert.Equal(stack.Portal.Url, json.GetProperty("issuer").GetString());
        Assert.Equal(stack.Portal.Url + "/oauth/authorize", json.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(stack.Portal.Url + "/oauth/token", json.GetProperty("token_endpoint").GetString());
        Assert.Equal(stack.Portal.Url + "/oauth/register", json.GetProperty("registration_endpoint").GetString());
        Assert.Equal(stack.Portal.Url + "/oauth/revoke", json.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(["S256"], Strings("code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "refresh_token"], Strings("grant_types_supported"));
        Assert.Equal(["code"], Strings("response_types_supported"));
        Assert.Equal(["client_secret_basic", "client_secret_post", "none"], Strings("token_endpoint_auth_methods_supported"));
        Assert.Contains("mcp.invoke", Strings("scopes_supported"));
        Assert.Contains("offline_access", Strings("scopes_supported"));
        Assert.True(json.GetProperty("client_id_metadata_document_supported").GetBoolean());
        Assert.True(json.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        var jwks = JsonDocument.Parse(await http.GetStringAsync(json.GetProperty("jwks_uri").GetString())).RootElement.GetProperty("keys");
        Assert.All(jwks.EnumerateArray(), k => Assert.Equal("RSA", k.GetProperty("kty").GetString()));
    }

    [Theory]
    [InlineData("javascript:alert(1)", "scheme")]
    [InlineData("http://evil.example/callback", "not loopback")]
    [InlineData("https://app.example/cb#frag", "fragment")]
    [InlineData("https://*.example/cb", "wildcard")]
    [InlineData("com.example.app:/callback", "scheme")]
    public async Task Registration_refuses_a_redirect_uri_it_must_not_send_codes_to(string redirect, string reason)
    {
        using var client = new OAuthTestClient(stack.Portal.Url);
        var before = await CountAsync("oauth_applications");
        var error = await client.RegisterAsync(new { redirect_uris = new[] { redirect }, token_endpoint_auth_method = "none" }, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_redirect_uri", error.GetProperty("error").GetString());
        Assert.Contains(reason, error.GetProperty("error_description").GetString());
        Assert.Equal(before, await CountAsync("oauth_applications"));
    }

    [Fact]
    public async Task Registration_refuses_unsupported_metadata()
    {
        using var client = new OAuthTestClient(stack.Portal.Url);
        foreach (var bad in new object[]
                 {
                     new { redirect_uris = new[] { OAuthTestClient.RedirectUri }, grant_types = new[] { "client_credentials" } },
                     new { redirect_uris = new[] { OAuthTestClient.RedirectUri }, token_endpoint_auth_method = "private_key_jwt" },
                     new { redirect_uris = new[] { OAuthTestClient.RedirectUri }, response_types = new[] { "token" } },
                 })
        {
            var error = await client.RegisterAsync(bad, HttpStatusCode.BadRequest);
            Assert.Equal("invalid_client_metadata", error.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Authorization_requests_with_bad_pkce_or_a_wrong_resource_are_answered_at_the_client_and_a_foreign_redirect_here_and_nothing_is_created()
    {
        var email = await stack.InviteNewAsync("bad");
        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = (await client.RegisterPublicAsync("Bad inputs")).GetProperty("client_id").GetString()!;
        var pkce = OAuthTestClient.NewPkce();
        var connectorsBefore = await CountAsync("connectors");

        // The client and its redirect URI are valid, so each error goes back to it (RFC 6749 §4.1.2.1), with state and iss.
        void AtTheClient(OAuthTestClient.Step step, string error, string describes)
        {
            Assert.True(step.IsClientRedirect, step.Describe());
            var query = OAuthTestClient.Query(step.Url);
            Assert.StartsWith(OAuthTestClient.RedirectUri + "?", step.Url.AbsoluteUri);
            Assert.Equal(error, query["error"]);
            Assert.Contains(describes, query["error_description"].ToString());
            Assert.Equal("bad-state", query["state"]);
            Assert.Equal(stack.Portal.Url, query["iss"]);
        }
        AtTheClient(await client.FollowAsync(client.AuthorizeUrl(clientId, pkce with { Challenge = "" }, state: "bad-state", method: null), email),
            "invalid_request", "PKCE is required");
        AtTheClient(await client.FollowAsync(client.AuthorizeUrl(clientId, pkce, state: "bad-state", method: "plain"), email),
            "invalid_request", "S256");
        AtTheClient(await client.FollowAsync(client.AuthorizeUrl(clientId, pkce, state: "bad-state", method: null), email), // plain by default (RFC 7636)
            "invalid_request", "S256");
        AtTheClient(await client.FollowAsync(client.AuthorizeUrl(clientId, pkce, state: "bad-state", resource: "https://other.example/mcp"), email),
            "invalid_target", "https://other.example/mcp");
        AtTheClient(await client.FollowAsync(client.AuthorizeUrl(clientId, pkce, state: "bad-state", scope: "mcp.invoke admin"), email),
            "invalid_scope", "");
        AtTheClient(await client.FollowAsync(client.AuthorizeUrl(clientId, pkce, state: "bad-state") + "&prompt=none", email),
            "consent_required", "consent");

        // An unregistered redirect URI or an unknown client: never redirected, answered here.
        var foreign = await client.FollowAsync(client.AuthorizeUrl(clientId, pkce, redirectUri: "https://evil.example/callback"), email);
        Assert.False(foreign.IsClientRedirect);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.Response!.StatusCode);
        Assert.Equal("invalid_request", foreign.Error);
        var unknown = await client.FollowAsync(client.AuthorizeUrl("no-such-client", pkce), email);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Response!.StatusCode);
        Assert.Equal("invalid_request", unknown.Error); // OpenIddict's answer to an unknown client_id at this endpoint
        Assert.Contains("client_id", unknown.Html);

        // The resource may name the MCP server with or without its path.
        var origin = await client.FollowAsync(client.AuthorizeUrl(clientId, pkce, resource: "http://127.0.0.1:8000"), email);
        Assert.True(origin.IsConsentPage, origin.Describe());
        Assert.Equal(connectorsBefore, await CountAsync("connectors"));
    }

    [Fact]
    public async Task A_wrong_code_verifier_or_redirect_at_the_token_endpoint_is_invalid_grant()
    {
        var email = await stack.InviteNewAsync("verifier");
        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = (await client.RegisterPublicAsync("Verifier")).GetProperty("client_id").GetString()!;
        var pkce = OAuthTestClient.NewPkce();
        var consent = await client.FollowAsync(client.AuthorizeUrl(clientId, pkce), email);
        var code = OAuthTestClient.Query(await client.DecideAsync(consent))["code"].ToString();

        var wrong = await client.ExchangeAsync(clientId, code, OAuthTestClient.NewPkce());
        Assert.Equal("invalid_grant", wrong.Error);
    }

    [Fact]
    public async Task Deny_answers_the_client_with_access_denied_and_creates_no_connector()
    {
        var email = await stack.InviteNewAsync("deny");
        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = (await client.RegisterPublicAsync("Denied app")).GetProperty("client_id").GetString()!;
        var consent = await client.FollowAsync(client.AuthorizeUrl(clientId, OAuthTestClient.NewPkce(), state: "s1"), email);
        var before = await CountAsync("connectors");

        var redirect = await client.DecideAsync(consent, "deny");
        Assert.Equal("access_denied", OAuthTestClient.Query(redirect)["error"]);
        Assert.Equal("s1", OAuthTestClient.Query(redirect)["state"]);
        Assert.Equal(before, await CountAsync("connectors"));
    }

    [Fact]
    public async Task Someone_not_invited_sees_the_not_invited_page_and_the_client_gets_access_denied()
    {
        var email = PortalStack.UniqueEmail("uninvited");
        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = (await client.RegisterPublicAsync("Uninvited app")).GetProperty("client_id").GetString()!;
        var page = await client.FollowAsync(client.AuthorizeUrl(clientId, OAuthTestClient.NewPkce(), state: "s2"), email);
        Assert.Equal("/not-invited", page.Url.AbsolutePath);
        var back = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page.Html!).QuerySelector("[data-testid=return-to-app]")!.GetAttribute("href")!;

        var answer = await client.FollowAsync(stack.Portal.Url + back);
        Assert.True(answer.IsClientRedirect, answer.Describe());
        Assert.Equal("access_denied", OAuthTestClient.Query(answer.Url)["error"]);
        Assert.Equal("s2", OAuthTestClient.Query(answer.Url)["state"]);
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM users WHERE email = @email", new { email }));
    }

    [Fact]
    public async Task A_user_removed_from_the_allowlist_can_no_longer_refresh_until_invited_again()
    {
        var email = await stack.InviteNewAsync("removed");
        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = (await client.RegisterPublicAsync("Removed later")).GetProperty("client_id").GetString()!;
        var (tokens, _) = await client.ConnectAsync(clientId, email);

        await stack.DisallowAsync(email);
        var refused = await client.RefreshAsync(clientId, tokens.RefreshToken);
        Assert.Equal("invalid_grant", refused.Error);
        Assert.Contains("no longer invited", refused.Get("error_description"));

        // Suspended, not ended: the same grant refreshes again once its owner is back on the list.
        await stack.AllowAsync(email);
        var restored = await client.RefreshAsync(clientId, tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, restored.Status);
    }

    [Fact]
    public async Task An_admin_not_on_the_allowlist_keeps_refreshing_as_admins_pass_the_gate()
    {
        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = (await client.RegisterPublicAsync("Admin's app")).GetProperty("client_id").GetString()!;
        var (tokens, _) = await client.ConnectAsync(clientId, "admin@autri.test");
        await stack.DisallowAsync("admin@autri.test");

        var refreshed = await client.RefreshAsync(clientId, tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
    }

    private async Task<int> CountAsync(string table)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>($"SELECT count(*) FROM {table}");
    }
}
