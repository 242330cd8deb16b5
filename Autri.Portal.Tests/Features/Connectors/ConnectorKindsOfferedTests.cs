namespace Autri.Portal.Tests.Features.Connectors;

/// <summary>
/// Which connector kinds a deployment offers (Connectors:ApiKeysEnabled, Connectors:OAuthClientsEnabled): behind
/// AgentCore, whose authorizer trusts only the portal's own tokens, neither is, and assistants connect by URL.
/// </summary>
[Collection(PortalCollection.Name)]
public class ConnectorKindsOfferedTests(PortalStack stack)
{
    [Fact]
    public async Task Where_no_kind_is_offered_the_create_page_sends_people_to_connect_by_URL_instead_of_a_form()
    {
        var email = await stack.InviteNewAsync("byurl");
        await using var portal = await stack.StartSpareAsync(new Dictionary<string, string?>
        {
            ["Connectors:ApiKeysEnabled"] = "false", ["Connectors:OAuthClientsEnabled"] = "false",
        });
        using var me = await PortalSession.SignInAsync(portal.Url, email);

        var page = await me.GetAsync("/connectors/new");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("connects assistants by URL", page.TextAt("[data-testid=connect-by-url]"));
        Assert.Equal("/help/connect", page.Document.QuerySelector("[data-testid=connect-by-url] a")!.GetAttribute("href"));
        Assert.Null(page.Document.QuerySelector("#f-name"));
    }

    [Fact]
    public async Task Where_OAuth_clients_are_off_one_is_refused_with_a_clear_message_and_nothing_is_created()
    {
        var email = await stack.InviteNewAsync("keysonly");
        await using var portal = await stack.StartSpareAsync(new Dictionary<string, string?> { ["Connectors:OAuthClientsEnabled"] = "false" });
        using var me = await PortalSession.SignInAsync(portal.Url, email);
        var form = await me.GetAsync("/connectors/new");
        var library = form.Document.QuerySelector("#f-library option")!.GetAttribute("value")!;

        var refused = await me.PostAsync("/connectors/new", "create-connector", new Dictionary<string, string>
        {
            ["Form.Name"] = "Pasted client", ["Form.LibraryId"] = library, ["Form.Kind"] = "oauth_client", ["Form.Expiry"] = "never",
        });

        Assert.NotNull(form.Document.QuerySelector("#f-kind"));
        Assert.Null(form.Document.QuerySelector("#f-kind-oauth"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("OAuth client connectors are not offered in this deployment", refused.Text);
        Assert.Empty((await me.GetAsync("/connectors")).Document.QuerySelectorAll("[data-testid=connectors-table] tbody tr"));
    }
}
