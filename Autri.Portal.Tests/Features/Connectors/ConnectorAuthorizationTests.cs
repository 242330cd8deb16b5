namespace Autri.Portal.Tests.Features.Connectors;

[Collection(PortalCollection.Name)]
public class ConnectorAuthorizationTests(PortalStack stack)
{
    public static TheoryData<string> PagesOfAConnector => ["", "/setup", "/token", "/rotate", "/revoke", "/anything"];

    [Fact]
    public async Task Another_users_connector_is_404_at_every_url_and_for_every_form()
    {
        using var owner = await stack.SignInAsync();
        using var stranger = await stack.SignInAsync();
        var oauth = await owner.CreateConnectorAsync("Owners OAuth");
        var key = await owner.CreateConnectorAsync("Owners key", kind: "api_key");
        var theirs = await stranger.CreateConnectorAsync("Strangers own", kind: "api_key");
        var token = await stranger.AntiforgeryTokenAsync($"/connectors/{theirs.Id}");

        foreach (var id in new[] { oauth.Id, key.Id })
        {
            foreach (var suffix in PagesOfAConnector)
            {
                var get = await stranger.Client.GetAsync($"{stranger.PortalUrl}/connectors/{id}{suffix}");
                Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET /connectors/{id}{suffix} answered {(int)get.StatusCode}");
                Assert.Contains("Page not found", await get.Content.ReadAsStringAsync());
            }
            foreach (var (suffix, form, fields) in new (string, string, string)[]
            {
                ("", "rename-connector", "Form.Name=Mine now"),
                ("/token", "mint-token", "Form.Secret=" + oauth.Secret),
                ("/rotate", "rotate-key", "Form.Grace=0"),
                ("/revoke", "revoke-connector", ""),
            })
            {
                var body = new Dictionary<string, string> { ["_handler"] = form, ["__RequestVerificationToken"] = token };
                if (fields.Length > 0) body[fields.Split('=')[0]] = fields.Split('=', 2)[1];
                var post = await stranger.Client.PostAsync($"{stranger.PortalUrl}/connectors/{id}{suffix}", new FormUrlEncodedContent(body));
                Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST /connectors/{id}{suffix} answered {(int)post.StatusCode}");
            }
        }

        // Nothing changed for the owner, and the stranger's own connector still answers them.
        await using var conn = await stack.Db.OpenConnectionAsync();
        var rows = (await conn.QueryAsync<(string Name, bool Revoked)>(
            "SELECT name, revoked_at IS NOT NULL FROM connectors WHERE id = ANY(@ids) ORDER BY name", new { ids = new[] { oauth.Id, key.Id } })).ToList();
        Assert.Equal([("Owners OAuth", false), ("Owners key", false)], rows);
        Assert.True((await stack.Portal.Services.GetRequiredService<ApiKeyVerifier>().VerifyAsync(key.Secret, default)).IsValid);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync($"/connectors/{theirs.Id}")).Status);
        Assert.DoesNotContain("Owners", (await stranger.GetAsync("/connectors")).Html);
    }

    [Fact]
    public async Task A_connector_id_that_does_not_exist_is_404_too()
    {
        using var me = await stack.SignInAsync();

        var page = await me.GetAsync($"/connectors/{Guid.NewGuid()}/setup");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        foreach (var path in new[] { "/connectors", "/connectors/new", $"/connectors/{Guid.NewGuid()}" })
        {
            var response = await client.GetAsync(stack.Portal.Url + path);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_beta_user_gets_403_on_the_admin_connector_pages()
    {
        using var me = await stack.SignInAsync();
        var mine = await me.CreateConnectorAsync("Mine", kind: "api_key");

        Assert.Equal(HttpStatusCode.Forbidden, (await me.GetAsync("/admin/connectors")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.GetAsync($"/admin/connectors/{mine.Id}/revoke")).Status);
    }

    [Fact]
    public async Task The_admin_sees_every_connector_with_its_owner_and_revokes_someone_elses()
    {
        using var owner = await stack.SignInAsync();
        var oauth = await owner.CreateConnectorAsync("Owned by a beta user");
        using var admin = await stack.SignInAsync("admin@autri.test", allow: false);

        var list = await admin.GetAsync("/admin/connectors");

        var row = list.Document.QuerySelector($"tr[data-connector-id='{oauth.Id}']")!;
        Assert.Contains(owner.Email, row.TextContent);
        Assert.Contains("OAuth client", row.TextContent);
        Assert.Contains("Active", row.TextContent);
        // What an admin holds when investigating (a Cognito app client, a key prefix from a secret scanner) leads to the row.
        Assert.Equal(oauth.ClientId, row.QuerySelector("[data-testid=identifies-as]")!.TextContent);
        var key = await owner.CreateConnectorAsync("Key of a beta user", "api_key");
        var keyRow = (await admin.GetAsync("/admin/connectors")).Document.QuerySelector($"tr[data-connector-id='{key.Id}']")!;
        Assert.Equal(key.Secret[..13] + "…", keyRow.QuerySelector("[data-testid=identifies-as]")!.TextContent);
        Assert.Contains("Identifies as", list.Document.QuerySelector("[data-testid=admin-connectors] thead")!.TextContent);

        var revoked = await admin.PostAsync($"/admin/connectors/{oauth.Id}/revoke", "admin-revoke-connector", new Dictionary<string, string>());

        Assert.Equal("/admin/connectors?done=revoked", revoked.Location);
        Assert.Contains("Revoked", (await admin.GetAsync("/admin/connectors")).Document.QuerySelector($"tr[data-connector-id='{oauth.Id}']")!.TextContent);
        await using var conn = await stack.Db.OpenConnectionAsync();
        var audit = await conn.QuerySingleAsync<(string Actor, string Owner)>(
            "SELECT actor, details->>'owner' FROM audit_events WHERE action = 'connector.revoke' AND target = @target", new { target = "connector:" + oauth.Id });
        Assert.Equal(("admin@autri.test", owner.Email), audit);
        Assert.Contains("Revoked", (await owner.GetAsync($"/connectors/{oauth.Id}")).Html);
    }
}
