namespace Autri.Portal.Tests.Features.Connectors;

[Collection(PortalCollection.Name)]
public class ConnectorFormTests(PortalStack stack)
{
    private static Dictionary<string, string> Fields(string name, string library, string kind = "api_key") =>
        new() { ["Form.Name"] = name, ["Form.LibraryId"] = library, ["Form.Kind"] = kind, ["Form.Expiry"] = "never" };

    private static async Task<string> LibraryOf(PortalSession session) =>
        (await session.GetAsync("/connectors/new")).Document.QuerySelector("#f-library option")!.GetAttribute("value")!;

    [Fact]
    public async Task A_new_user_sees_an_empty_state_that_leads_to_the_create_form()
    {
        using var me = await stack.SignInAsync();

        var list = await me.GetAsync("/connectors");

        Assert.Contains("You have no connectors yet", list.TextAt("[data-testid=connectors-empty]"));
        var form = await me.GetAsync("/connectors/new");
        Assert.Equal("Credential kind", form.TextAt("fieldset legend"));
        Assert.NotNull(form.Document.QuerySelector("label[for=f-name]"));
        Assert.Equal("Personal", form.TextAt("#f-library option"));
    }

    [Fact]
    public async Task Invalid_fields_are_listed_in_an_error_summary_linking_to_each_field_and_nothing_is_created()
    {
        using var me = await stack.SignInAsync();

        var page = await me.PostAsync("/connectors/new", "create-connector", new Dictionary<string, string>
        {
            ["Form.Name"] = "bad/name", ["Form.LibraryId"] = Guid.NewGuid().ToString(), ["Form.Kind"] = "password",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(["/connectors/new#f-name", "/connectors/new#f-kind"], page.Document.QuerySelectorAll("#error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal("true", page.Document.QuerySelector("#f-name")!.GetAttribute("aria-invalid"));
        Assert.Contains("f-name-error", page.Document.QuerySelector("#f-name")!.GetAttribute("aria-describedby"));
        Assert.Equal("bad/name", page.Document.QuerySelector("#f-name")!.GetAttribute("value"));
        Assert.Null(page.Document.QuerySelector("#secret-value"));
        Assert.Empty((await me.GetAsync("/connectors")).Document.QuerySelectorAll("[data-testid=connectors-table] tbody tr"));
    }

    [Fact]
    public async Task A_library_the_user_cannot_access_is_refused()
    {
        using var me = await stack.SignInAsync();
        using var other = await stack.SignInAsync();

        var page = await me.PostAsync("/connectors/new", "create-connector", Fields("Borrowed", await LibraryOf(other)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("/connectors/new#f-library", page.Document.QuerySelector("#error-summary a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_duplicate_name_gets_a_clear_message()
    {
        using var me = await stack.SignInAsync();
        await me.CreateConnectorAsync("Twice", kind: "api_key");

        var page = await me.PostAsync("/connectors/new", "create-connector", Fields("twice", await LibraryOf(me), "oauth_client"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("You already have an active connector named \"twice\"", page.TextAt("#error-summary"));
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM connectors c JOIN users u ON u.id = c.created_by WHERE u.email = @e", new { e = me.Email }));
    }

    [Fact]
    public async Task At_the_limit_the_form_says_so_and_creates_nothing()
    {
        using var me = await stack.SignInAsync();
        var library = await LibraryOf(me);
        for (var i = 0; i < 10; i++) await me.CreateConnectorAsync($"Key {i}", kind: "api_key");

        var form = await me.GetAsync("/connectors/new");
        var page = await me.PostAsync("/connectors/new", "create-connector", Fields("Eleventh", library, "oauth_client"));

        Assert.Contains("You already have 10 active connectors", form.Html);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("You already have 10 active connectors, the most one person may have", page.TextAt("#error-summary"));
        Assert.Contains("10 of 10 active connectors", (await me.GetAsync("/connectors")).Html);
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(10, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM connectors c JOIN users u ON u.id = c.created_by WHERE u.email = @e", new { e = me.Email }));
    }

    [Fact]
    public async Task Rename_checks_the_name_and_redirects_after_success()
    {
        using var me = await stack.SignInAsync();
        var a = await me.CreateConnectorAsync("Alpha", kind: "api_key");
        await me.CreateConnectorAsync("Beta", kind: "api_key");

        var taken = await me.PostAsync($"/connectors/{a.Id}", "rename-connector", new Dictionary<string, string> { ["Form.Name"] = "beta" });
        var renamed = await me.PostAsync($"/connectors/{a.Id}", "rename-connector", new Dictionary<string, string> { ["Form.Name"] = "Gamma" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.Status);
        Assert.Contains("already have an active connector", taken.TextAt("#error-summary"));
        Assert.Equal($"/connectors/{a.Id}?done=renamed", renamed.Location);
        Assert.Equal("Gamma", (await me.GetAsync($"/connectors/{a.Id}")).TextAt("h1"));
    }

    [Fact]
    public async Task Every_create_rename_rotate_and_revoke_writes_an_audit_row_naming_the_user()
    {
        using var me = await stack.SignInAsync();
        var key = await me.CreateConnectorAsync("Audited", kind: "api_key");
        await me.PostAsync($"/connectors/{key.Id}", "rename-connector", new Dictionary<string, string> { ["Form.Name"] = "Audited 2" });
        var rotated = await me.PostAsync($"/connectors/{key.Id}/rotate", "rotate-key", new Dictionary<string, string> { ["Form.Grace"] = "1h" });
        await me.PostAsync($"/connectors/{key.Id}/revoke", "revoke-connector", new Dictionary<string, string>());

        await using var conn = await stack.Db.OpenConnectionAsync();
        var rows = (await conn.QueryAsync<(string Actor, string Action, string Details)>(
            "SELECT actor, action, details::text FROM audit_events WHERE target = @t ORDER BY id", new { t = "connector:" + key.Id })).ToList();
        Assert.Equal(["connector.create", "connector.rename", "connector.rotate", "connector.revoke"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(me.Email, r.Actor));
        var newKey = rotated.Document.QuerySelector("#secret-value")!.GetAttribute("value")!;
        Assert.All(rows, r => Assert.DoesNotContain(key.Secret, r.Details));
        Assert.All(rows, r => Assert.DoesNotContain(newKey, r.Details));
    }

    [Fact]
    public async Task A_registry_that_refuses_shows_a_clear_message_and_leaves_no_row()
    {
        // A third instance whose registration token the IdP does not accept; the session cookie of the first works on it.
        using var me = await stack.SignInAsync();
        var port = Autri.Testing.FreePort.Next();
        // Its own logs folder: two instances appending to one portal.jsonl would interleave lines.
        var logs = Path.Combine(Path.GetTempPath(), "autri-logs-" + Guid.NewGuid().ToString("N")[..12]);
        var library = await LibraryOf(me);
        var token = await me.AntiforgeryTokenAsync("/connectors/new");
        Page page;
        await using (var broken = await PortalInstance.StartAsync(port, stack.ConnectionString, stack.Idp.Issuer, logs,
            new Dictionary<string, string?> { ["Connectors:RegistrationToken"] = "wrong-token" }))
        {
            var response = await me.Client.PostAsync(broken.Url + "/connectors/new", new FormUrlEncodedContent(new Dictionary<string, string>(Fields("Refused", library, "oauth_client"))
            {
                ["_handler"] = "create-connector", ["__RequestVerificationToken"] = token,
            }));
            page = await Page.ReadAsync(response);
        }
        Directory.Delete(logs, recursive: true);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("The identity provider refused to register the OAuth client", page.TextAt("#error-summary"));
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM connectors WHERE name = 'Refused'"));
    }

    [Fact]
    public async Task The_help_page_links_each_live_connector_to_its_setup()
    {
        using var me = await stack.SignInAsync();
        var key = await me.CreateConnectorAsync("Helpful", kind: "api_key");

        var help = await me.GetAsync("/help/connect");

        Assert.Equal($"/connectors/{key.Id}/setup", help.Document.QuerySelector("[data-testid=connector-setup-links] a")!.GetAttribute("href"));
        Assert.Equal("http://127.0.0.1:8000/mcp", help.Document.QuerySelector("#mcp-endpoint")!.GetAttribute("value"));
        Assert.NotNull(help.Document.QuerySelector("script[src^='js/connectors.'][src$='.js']")); // fingerprinted (StaticAssetTests)
        Assert.Null(help.Document.QuerySelector("script:not([src])"));
    }
}
