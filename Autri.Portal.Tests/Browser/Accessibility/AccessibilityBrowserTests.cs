namespace Autri.Portal.Tests.Browser.Accessibility;

/// <summary>
/// axe-core over every page of the portal (<see cref="PortalPages"/>) in Chromium, as each kind of visitor sees it:
/// no serious or critical violation anywhere.
/// </summary>
[Collection(PortalCollection.Name)]
public class AccessibilityBrowserTests(PortalStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public void Every_route_the_portal_answers_is_scanned_or_said_not_to_be_a_page()
    {
        var routes = PortalRoutes.Get(stack.Portal.App).Select(r => r.Template).ToHashSet();
        var listed = PortalPages.Visits.Select(v => v.Route).Concat(PortalPages.NotPages.Keys).ToHashSet();

        var missing = routes.Except(listed).Order().ToList();
        var stale = listed.Except(routes).Order().ToList();

        Assert.True(missing.Count == 0, "Add these routes to PortalPages.Visits (or NotPages with the reason): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "PortalPages names routes the portal no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_page_the_admin_sees_has_no_serious_accessibility_violation()
    {
        const string admin = LogsTestSupport.Admin;
        // The allowlist pages show a list and its history (an empty store shows a "create it" page instead).
        await stack.AllowAsync(PortalStack.UniqueEmail("axe-listed"));
        await ScanAsync(Visitor.Admin, admin, await SeedAsync(admin, withLogsRun: true));
    }

    [Fact]
    public async Task Every_page_a_beta_user_sees_has_no_serious_accessibility_violation()
    {
        var email = await stack.InviteNewAsync("axe-beta");
        await ScanAsync(Visitor.Beta, email, await SeedAsync(email, withLogsRun: false));
    }

    [Fact]
    public async Task The_pages_for_people_not_invited_or_signed_out_have_no_serious_accessibility_violation()
    {
        await ScanAsync(Visitor.Outsider, "outsider@autri.test", Seeds.None);
        await ScanAsync(Visitor.Anonymous, null, Seeds.None);
    }

    /// <summary>The visitor's connectors (one of each kind) made through the pages' forms, and for the admin a finished run.</summary>
    private async Task<Seeds> SeedAsync(string email, bool withLogsRun)
    {
        using var session = await stack.SignInAsync(email, allow: false);
        var oauth = await session.CreateConnectorAsync("Axe OAuth client");
        var key = await session.CreateConnectorAsync("Axe API key", kind: "api_key", expiry: "90");
        Guid? run = null;
        if (withLogsRun)
        {
            var (_, page) = await LogsTestSupport.GetAsync(session.Client, stack.Portal.Url + "/ops/logs/error-rate?range=1h");
            run = LogsTestSupport.RunIdOf(page);
            await LogsTestSupport.WaitForFinalAsync(session.Client, stack.Portal.Url, run.Value);
        }
        using var app = new Features.OAuth.OAuthTestClient(stack.Portal.Url);
        var clientId = (await app.RegisterPublicAsync("Axe app")).GetProperty("client_id").GetString()!;
        var consent = new Uri(app.AuthorizeUrl(clientId, Features.OAuth.OAuthTestClient.NewPkce())).PathAndQuery;
        return new Seeds(oauth.Id, oauth.Secret, key.Id, consent, run);
    }

    private async Task ScanAsync(Visitor visitor, string? email, Seeds seeds)
    {
        var page = await browser.NewPageAsync();
        if (email is not null) await BrowserSignIn.SignInAsync(page, stack.Portal.Url, email);
        var failures = new List<string>();
        foreach (var visit in PortalPages.Visits.Where(v => v.Visitors.Contains(visitor)))
        {
            var path = visit.Path(seeds);
            try
            {
                var response = await page.GotoAsync(stack.Portal.Url + path);
                if (response?.Status != visit.Status)
                {
                    failures.Add($"{visit} at {path} as {visitor}: answered {response?.Status}, expected {visit.Status}");
                    continue;
                }
                if (visit.Act is not null) await visit.Act(page, seeds);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                failures.Add($"{visit} at {path} as {visitor}: could not be reached: {e.Message.Split('\n')[0]}");
                continue;
            }
            var violations = await AxeScan.SeriousViolationsAsync(page);
            if (violations.Count > 0) failures.Add($"{visit} at {path} as {visitor}:\n  " + string.Join("\n  ", violations));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} page(s) with serious or critical accessibility violations:\n" + string.Join("\n", failures));
    }
}
