namespace Autri.Portal.Tests.Features.Connectors;

[Collection(PortalCollection.Name)]
public class ApiKeyConnectorPageTests(PortalStack stack)
{
    private ApiKeyVerifier Verifier => stack.Portal.Services.GetRequiredService<ApiKeyVerifier>();

    [Fact]
    public async Task An_api_key_made_in_the_portal_verifies_and_stops_when_revoked()
    {
        using var me = await stack.SignInAsync();

        var created = await me.CreateConnectorAsync("Laptop key", kind: "api_key", expiry: "90");

        Assert.Contains("no-store", created.Page.CacheControl);
        Assert.Null(created.ClientId);
        Assert.Matches("^autri_sk_[0-9A-Za-z]{28}$", created.Secret);
        var verified = await Verifier.VerifyAsync(created.Secret, default);
        Assert.Equal(ApiKeyOutcome.Valid, verified.Outcome);
        Assert.Equal(created.Id, verified.ConnectorId);
        var listing = await me.GetAsync("/connectors");
        Assert.Contains(created.Secret[..13] + "…", listing.Text);
        Assert.DoesNotContain(created.Secret, listing.Html);

        await me.PostAsync($"/connectors/{created.Id}/revoke", "revoke-connector", new Dictionary<string, string>());

        Assert.Equal(ApiKeyOutcome.Revoked, (await Verifier.VerifyAsync(created.Secret, default)).Outcome);
    }

    [Fact]
    public async Task Rotating_shows_the_new_key_once_and_the_old_key_works_through_the_grace_period()
    {
        using var me = await stack.SignInAsync();
        var created = await me.CreateConnectorAsync("Rotated", kind: "api_key");

        var rotated = await me.PostAsync($"/connectors/{created.Id}/rotate", "rotate-key", new Dictionary<string, string> { ["Form.Grace"] = "24h" });

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.Contains("no-store", rotated.CacheControl);
        var newKey = rotated.Document.QuerySelector("#secret-value")!.GetAttribute("value")!;
        Assert.NotEqual(created.Secret, newKey);
        Assert.True((await Verifier.VerifyAsync(newKey, default)).IsValid);
        Assert.True((await Verifier.VerifyAsync(created.Secret, default)).IsValid);
        var details = await me.GetAsync($"/connectors/{created.Id}");
        Assert.Equal(2, details.Document.QuerySelectorAll("table tbody tr").Length);
        Assert.DoesNotContain(newKey, details.Html);
    }

    [Fact]
    public async Task Rotating_without_grace_stops_the_old_key_at_once()
    {
        using var me = await stack.SignInAsync();
        var created = await me.CreateConnectorAsync("Compromised", kind: "api_key");

        var rotated = await me.PostAsync($"/connectors/{created.Id}/rotate", "rotate-key", new Dictionary<string, string> { ["Form.Grace"] = "0" });

        Assert.True((await Verifier.VerifyAsync(rotated.Document.QuerySelector("#secret-value")!.GetAttribute("value")!, default)).IsValid);
        Assert.Equal(ApiKeyOutcome.Revoked, (await Verifier.VerifyAsync(created.Secret, default)).Outcome);
    }

    [Fact]
    public async Task The_setup_page_of_an_api_key_names_its_prefix_and_keeps_the_key_a_placeholder()
    {
        using var me = await stack.SignInAsync();
        var created = await me.CreateConnectorAsync("Desk", kind: "api_key");

        var setup = await me.GetAsync($"/connectors/{created.Id}/setup");

        Assert.Contains("\"AUTRI_AUTH\": \"Bearer YOUR_API_KEY\"", setup.TextAt("#claude-config"));
        Assert.Contains(created.Secret[..13], setup.Html);
        Assert.Null(setup.Document.QuerySelector("#token-request"));
        Assert.DoesNotContain(created.Secret, setup.Html);
    }
}
