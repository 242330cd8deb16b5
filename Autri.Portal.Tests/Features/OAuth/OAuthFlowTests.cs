namespace Autri.Portal.Tests.Features.OAuth;

/// <summary>The whole authorization-code flow against the real portal, Postgres and dev IdP, as an MCP client runs it.</summary>
[Collection(PortalCollection.Name)]
public class OAuthFlowTests(PortalStack stack)
{
    [Fact]
    public async Task A_registered_public_client_gets_a_valid_token_that_names_the_connector_and_the_refresh_rotates()
    {
        var email = await stack.InviteNewAsync("oauth");
        using var client = new OAuthTestClient(stack.Portal.Url);
        var registered = await client.RegisterPublicAsync("Flow test client");
        var clientId = registered.GetProperty("client_id").GetString()!;
        Assert.False(registered.TryGetProperty("client_secret", out _));

        var pkce = OAuthTestClient.NewPkce();
        var consent = await client.FollowAsync(client.AuthorizeUrl(clientId, pkce, state: "state-123"), email);
        Assert.True(consent.IsConsentPage, consent.Describe());
        var redirect = await client.DecideAsync(consent);
        var query = OAuthTestClient.Query(redirect);
        Assert.StartsWith(OAuthTestClient.RedirectUri + "?", redirect.AbsoluteUri);
        Assert.Equal("state-123", query["state"]);
        Assert.Equal(stack.Portal.Url, query["iss"]); // RFC 9207, exactly the issuer

        // The code is redeemed on the other instance: codes, keys and data protection are shared through Postgres.
        var tokens = await client.ExchangeAsync(clientId, query["code"]!, pkce, portalUrl: stack.SecondPortal.Url);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("Bearer", tokens.Get("token_type"));
        // (Each test instance has its own public URL, so that instance is the issuer; in a deployment they share one.)
        var jwt = await AccessTokens.ValidateAsync(stack.SecondPortal.Url, tokens.AccessToken, client.McpResource);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal(stack.SecondPortal.Url, jwt.Issuer);
        var jwks = System.Text.Json.JsonDocument.Parse(await client.Http.GetStringAsync(stack.Portal.Url + "/.well-known/jwks"));
        Assert.Contains(jwt.Kid, jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        Assert.Equal([client.McpResource], jwt.Audiences);
        Assert.Equal(clientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(["mcp.invoke", "offline_access"], jwt.GetClaim("scope").Value.Split(' ').Order());
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.True(jwt.ValidTo - jwt.IssuedAt <= TimeSpan.FromHours(1));
        Assert.False(jwt.TryGetClaim("autri_admin", out _));

        await using var conn = await stack.Db.OpenConnectionAsync();
        var row = await conn.QuerySingleAsync<(Guid Id, string Kind, Guid CreatedBy, string OAuthClientId, string Name)>(
            "SELECT id, kind, created_by, oauth_client_id, name FROM connectors WHERE id = @id::uuid", new { id = jwt.GetClaim("connector_id").Value });
        Assert.Equal("app_access", row.Kind);
        Assert.Equal(row.CreatedBy.ToString(), jwt.Subject);
        Assert.Equal(clientId, row.OAuthClientId);
        Assert.Equal("Flow test client", row.Name);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit_events WHERE action = 'connector.create' AND target = 'connector:' || @id AND details->>'kind' = 'app_access'", new { id = row.Id.ToString() }));

        // Refresh rotates: a new refresh token each time, access tokens for the same connector.
        var refreshed = await client.RefreshAsync(clientId, tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        var again = await AccessTokens.ValidateAsync(stack.Portal.Url, refreshed.AccessToken, client.McpResource);
        Assert.Equal(row.Id.ToString(), again.GetClaim("connector_id").Value);
        Assert.NotEqual(jwt.Id, again.Id);
        Assert.NotNull(await conn.ExecuteScalarAsync<DateTime?>("SELECT last_used_at FROM connectors WHERE id = @id", new { id = row.Id }));

        // Reusing the redeemed refresh token is theft: the whole grant is revoked, the newer refresh token too.
        var reused = await client.RefreshAsync(clientId, tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Equal("invalid_grant", reused.Error);
        Assert.Contains("already used", reused.Get("error_description"));
        var afterTheft = await client.RefreshAsync(clientId, refreshed.RefreshToken);
        Assert.Equal("invalid_grant", afterTheft.Error);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM oauth_tokens t JOIN connectors c ON c.oauth_authorization_id = t.authorization_id
            WHERE c.id = @id AND t.status <> 'revoked'
            """, new { id = row.Id }));
        // The grant ends with its connector, audited with the reason, so the person sees it and connects the app again.
        Assert.Equal("revoked", await conn.ExecuteScalarAsync<string>(
            "SELECT a.status FROM oauth_authorizations a JOIN connectors c ON c.oauth_authorization_id = a.id WHERE c.id = @id", new { id = row.Id }));
        Assert.NotNull(await conn.ExecuteScalarAsync<DateTime?>("SELECT revoked_at FROM connectors WHERE id = @id", new { id = row.Id }));
        Assert.Equal(("system", "refresh_token_reuse"), await conn.QuerySingleAsync<(string, string)>(
            "SELECT actor, details->>'reason' FROM audit_events WHERE action = 'connector.revoke' AND target = 'connector:' || @id", new { id = row.Id.ToString() }));
        using var session = await PortalSession.SignInAsync(stack.Portal.Url, email);
        var list = await session.GetAsync("/connectors");
        Assert.Contains("Revoked", list.Document.QuerySelector($"a[href='/connectors/{row.Id}']")!.Closest("tr")!.TextContent);
        var details = await session.GetAsync($"/connectors/{row.Id}");
        Assert.Contains("refresh token that had already been used", details.Document.QuerySelector("[data-testid=revoked]")!.TextContent);
    }

    [Fact]
    public async Task Revoking_the_connector_on_the_connectors_page_stops_the_refresh_at_once()
    {
        using var session = await stack.SignInAsync();
        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = (await client.RegisterPublicAsync("Revoked later")).GetProperty("client_id").GetString()!;
        var (tokens, _) = await client.ConnectAsync(clientId, session.Email);
        var jwt = new JsonWebToken(tokens.AccessToken);
        var connectorId = jwt.GetClaim("connector_id").Value;

        var list = await session.GetAsync("/connectors");
        Assert.Contains("Revoked later", list.Text);
        Assert.Contains("App access", list.Text);
        var revoke = await session.PostAsync($"/connectors/{connectorId}/revoke", "revoke-connector", new Dictionary<string, string>());
        Assert.True(revoke.Status is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, revoke.Html[..Math.Min(400, revoke.Html.Length)]);

        var refused = await client.RefreshAsync(clientId, tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_grant", refused.Error);
    }

    [Fact]
    public async Task A_client_that_asks_for_a_secret_authenticates_with_client_secret_post_and_revokes_its_refresh_token()
    {
        var email = await stack.InviteNewAsync("secret");
        using var client = new OAuthTestClient(stack.Portal.Url);
        // What mcp-remote 0.15.1 sends.
        var registered = await client.RegisterAsync(new
        {
            redirect_uris = new[] { "http://localhost:3334/oauth/callback" }, token_endpoint_auth_method = "client_secret_post",
            grant_types = new[] { "authorization_code", "refresh_token" }, response_types = new[] { "code" }, client_name = "MCP CLI Proxy",
            client_uri = "https://github.com/modelcontextprotocol/mcp-cli", software_id = "2e6dc280-f3c3-4e01-99a7-8181dbd1d23d", software_version = "0.15.1",
        });
        var clientId = registered.GetProperty("client_id").GetString()!;
        var secret = registered.GetProperty("client_secret").GetString()!;
        Assert.Equal("client_secret_post", registered.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal(0, registered.GetProperty("client_secret_expires_at").GetInt64());
        await using (var conn = await stack.Db.OpenConnectionAsync())
            Assert.NotEqual(secret, await conn.ExecuteScalarAsync<string>("SELECT client_secret FROM oauth_applications WHERE client_id = @clientId", new { clientId }));

        // RFC 8252 §7.3: the loopback port is the client's choice at authorization time.
        const string redirect = "http://localhost:41999/oauth/callback";
        var pkce = OAuthTestClient.NewPkce();
        var consent = await client.FollowAsync(client.AuthorizeUrl(clientId, pkce, redirectUri: redirect), email);
        Assert.True(consent.IsConsentPage, consent.Describe());
        var code = OAuthTestClient.Query(await client.DecideAsync(consent))["code"].ToString();

        var withoutSecret = await client.ExchangeAsync(clientId, code, pkce, redirectUri: redirect);
        Assert.Equal("invalid_client", withoutSecret.Error);
        var tokens = await client.ExchangeAsync(clientId, code, pkce, secret, redirectUri: redirect);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);

        // RFC 7009 revocation of the refresh token: afterwards it no longer refreshes.
        var revoke = await client.Http.PostAsync(stack.Portal.Url + "/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.RefreshToken, ["token_type_hint"] = "refresh_token", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(clientId, tokens.RefreshToken, secret)).Error);
    }
}
