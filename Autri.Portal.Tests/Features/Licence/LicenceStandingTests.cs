namespace Autri.Portal.Tests.Features.Licence;

/// <summary>
/// The licence as admins and everyone else meet it, one standing after another (each test installs the licence it
/// needs, as the agent does): valid, expiring within 30 days, ended within the grace period, past grace, and one that
/// does not verify. Only admins are ever shown anything; only admin pages ever close.
/// </summary>
public sealed class LicenceStandingTests(AgentPortalStack stack) : IClassFixture<AgentPortalStack>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private async Task InstallAsync(DateTimeOffset expires, int graceDays = 14)
    {
        var response = await stack.InstallAsync(stack.Licence(expires, graceDays));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_licence_shows_nothing_and_every_admin_page_works()
    {
        await InstallAsync(Now.AddDays(200));
        using var admin = await stack.SignInAdminAsync();

        var home = await admin.GetAsync("/");
        var health = await admin.GetAsync("/admin/health");
        var licence = await admin.GetAsync("/admin/licence");

        Assert.Null(home.Document.QuerySelector("[data-testid=licence-banner]"));
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal(nameof(LicenceStanding.Valid), licence.Document.QuerySelector("h1")!.GetAttribute("data-standing"));
        Assert.Contains("25", licence.Document.QuerySelector("dl")!.TextContent);
    }

    [Fact]
    public async Task A_licence_ending_within_30_days_gives_admins_a_banner_and_no_one_else()
    {
        var expires = Now.AddDays(10).AddHours(1);
        await InstallAsync(expires);
        using var admin = await stack.SignInAdminAsync();
        using var person = await stack.SignInPersonAsync();

        var banner = (await admin.GetAsync("/connectors")).Document.QuerySelector("[data-testid=licence-banner]");
        var health = await admin.GetAsync("/admin/health");
        var personHome = await person.GetAsync("/");

        Assert.NotNull(banner);
        Assert.Contains($"ends on {Autri.Portal.Features.Licence.LicenceText.Date(expires)}, in 10 days", banner.TextContent);
        Assert.Contains("not affected", banner.TextContent);
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Null(personHome.Document.QuerySelector("[data-testid=licence-banner]"));
    }

    [Fact]
    public async Task An_ended_licence_within_its_grace_period_keeps_admin_pages_open_with_the_banner()
    {
        await InstallAsync(Now.AddDays(-5), graceDays: 14);
        using var admin = await stack.SignInAdminAsync();

        var health = await admin.GetAsync("/admin/health");

        Assert.Equal(HttpStatusCode.OK, health.Status);
        var banner = health.Document.QuerySelector("[data-testid=licence-banner]")!;
        Assert.Contains("grace period ends on", banner.TextContent);
        Assert.Contains("in 9 days", banner.TextContent);
    }

    [Fact]
    public async Task Past_grace_admin_pages_give_way_to_the_licence_page_and_nothing_else_changes()
    {
        await InstallAsync(Now.AddDays(-20), graceDays: 14);
        using var admin = await stack.SignInAdminAsync();
        using var person = await stack.SignInPersonAsync();

        var health = await admin.Client.GetAsync(stack.Portal.Url + "/admin/health");
        var logs = await admin.Client.GetAsync(stack.Portal.Url + "/ops/logs");
        var licence = await admin.GetAsync("/admin/licence");
        var diagnostics = await admin.GetAsync("/admin/diagnostics");
        var adminConnectors = await admin.GetAsync("/connectors");
        var personConnectors = await person.GetAsync("/connectors");

        Assert.Equal(HttpStatusCode.Redirect, health.StatusCode);
        Assert.Equal("/admin/licence", health.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, logs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, licence.Status);
        Assert.Equal("Licence ended", licence.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("Ask Autri for a renewed licence", licence.Text);
        Assert.Contains("aws secretsmanager put-secret-value", licence.Text);
        Assert.Equal(HttpStatusCode.OK, diagnostics.Status);
        Assert.Equal(HttpStatusCode.OK, adminConnectors.Status);
        Assert.Equal(HttpStatusCode.OK, personConnectors.Status);
        Assert.Null(personConnectors.Document.QuerySelector("[data-testid=licence-banner]"));
    }

    [Fact]
    public async Task A_licence_the_vendor_did_not_sign_is_refused_and_the_installed_one_stays()
    {
        await InstallAsync(Now.AddDays(200));
        using var otherKey = new Autri.Testing.Coordination.ThrowawayVendorKey();
        var forged = Autri.Infra.Licensing.LicenceDocument.Sign(
            new LicenceClaims("acme", Guid.NewGuid(), Now, Now.AddYears(10), TimeSpan.FromDays(14), 1000, []), otherKey.Private);
        var valid = stack.Licence(Now.AddDays(200));
        var tampered = valid[..(valid.IndexOf('.') + 1)] + Convert.ToBase64String("{\"iss\":\"autri-vendor\",\"product\":\"autri\"}"u8.ToArray()).TrimEnd('=') + valid[valid.LastIndexOf('.')..];

        var refusedForged = await stack.InstallAsync(forged);
        var refusedTampered = await stack.InstallAsync(tampered);
        using var admin = await stack.SignInAdminAsync();
        var licence = await admin.GetAsync("/admin/licence");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedForged.StatusCode);
        Assert.Contains("signature does not verify", await refusedForged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedTampered.StatusCode);
        Assert.Equal(nameof(LicenceStanding.Valid), licence.Document.QuerySelector("h1")!.GetAttribute("data-standing"));
        Assert.DoesNotContain("1000", licence.Document.QuerySelector("dl")!.TextContent);
    }

    [Fact]
    public async Task A_stored_licence_that_no_longer_verifies_closes_admin_pages_and_says_why()
    {
        await InstallAsync(Now.AddDays(200));
        using var otherKey = new Autri.Testing.Coordination.ThrowawayVendorKey();
        var foreign = Autri.Infra.Licensing.LicenceDocument.Sign(
            new LicenceClaims("acme", Guid.NewGuid(), Now, Now.AddYears(1), TimeSpan.FromDays(14), 5, []), otherKey.Private);
        // As after the image's vendor key changed: the row holds a licence this portal cannot verify.
        await using (var cmd = stack.Db.CreateCommand("UPDATE deployment_licence SET document = @d"))
        {
            cmd.Parameters.AddWithValue("d", foreign);
            await cmd.ExecuteNonQueryAsync();
        }
        ((Autri.Infra.Licensing.InstalledLicence)stack.Portal.Services.GetService(typeof(Autri.Infra.Licensing.InstalledLicence))!).Invalidate();
        using var admin = await stack.SignInAdminAsync();

        var health = await admin.Client.GetAsync(stack.Portal.Url + "/admin/health");
        var licence = await admin.GetAsync("/admin/licence");

        Assert.Equal(HttpStatusCode.Redirect, health.StatusCode);
        Assert.Equal(nameof(LicenceStanding.Invalid), licence.Document.QuerySelector("h1")!.GetAttribute("data-standing"));
        Assert.Contains("signature does not verify", licence.Text);
    }
}
