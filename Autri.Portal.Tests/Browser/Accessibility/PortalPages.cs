using static Microsoft.Playwright.Assertions;

namespace Autri.Portal.Tests.Browser.Accessibility;

/// <summary>Who looks at a page: the navigation and the page's content depend on it.</summary>
public enum Visitor { Admin, Beta, Outsider, Anonymous }

/// <summary>
/// What exists only once a test has made it: the visitor's two connectors (and the OAuth one's secret), an app's
/// authorization request that leads to the consent page, and, for the admin, a finished logs run.
/// </summary>
public sealed record Seeds(Guid OAuthConnector, string OAuthSecret, Guid ApiKeyConnector, string ConsentPath, Guid? LogsRun)
{
    public static readonly Seeds None = new(Guid.Empty, "", Guid.Empty, "", null);
}

/// <summary>
/// One page in one state: the route it belongs to (as its @page directive or Map… call spells it), its address,
/// who looks, the status it answers, and what is done on it before the scan (a form sent, a menu opened).
/// </summary>
public sealed record PageVisit(string Route, string State, Visitor[] Visitors, Func<Seeds, string> Path, int Status = 200, Func<IPage, Seeds, Task>? Act = null)
{
    public override string ToString() => $"{Route} ({State})";
}

/// <summary>
/// Every page of the portal as the accessibility scan visits it. A route the portal answers GET on is either here
/// or in <see cref="NotPages"/> with the reason; a test fails otherwise.
/// </summary>
public static class PortalPages
{
    private static readonly Visitor[] Users = [Visitor.Admin, Visitor.Beta];
    private static readonly Visitor[] Admin = [Visitor.Admin];
    private static readonly Visitor[] Beta = [Visitor.Beta];
    private static readonly Visitor[] Anonymous = [Visitor.Anonymous];

    public static readonly IReadOnlyList<PageVisit> Visits =
    [
        new("/", "dashboard", Users, _ => "/"),
        new("/", "Admin menu open", Admin, _ => "/", Act: OpenAdminMenuAsync),
        new("/connectors", "list", Users, _ => "/connectors"),
        new("/connectors/new", "form", Users, _ => "/connectors/new"),
        new("/connectors/new", "errors", Beta, _ => "/connectors/new", Act: SendInvalidConnectorAsync),
        new("/connectors/{Id:guid}", "OAuth client", Users, s => $"/connectors/{s.OAuthConnector}"),
        new("/connectors/{Id:guid}", "API key", Users, s => $"/connectors/{s.ApiKeyConnector}"),
        new("/connectors/{Id:guid}/setup", "OAuth client", Users, s => $"/connectors/{s.OAuthConnector}/setup"),
        new("/connectors/{Id:guid}/setup", "API key", Beta, s => $"/connectors/{s.ApiKeyConnector}/setup"),
        new("/connectors/{Id:guid}/token", "form", Users, s => $"/connectors/{s.OAuthConnector}/token"),
        new("/connectors/{Id:guid}/token", "token shown", Beta, s => $"/connectors/{s.OAuthConnector}/token", Act: MintTokenAsync),
        new("/connectors/{Id:guid}/rotate", "API key", Users, s => $"/connectors/{s.ApiKeyConnector}/rotate"),
        new("/connectors/{Id:guid}/revoke", "confirmation", Users, s => $"/connectors/{s.OAuthConnector}/revoke"),
        new("/notifications", "welcome", Users, _ => "/notifications"),
        new("/help/connect", "guide", Users, _ => "/help/connect"),
        new("/oauth/authorize", "consent", Beta, s => s.ConsentPath),

        new("/admin", "overview", Admin, _ => "/admin"),
        new("/admin", "refused", Beta, _ => "/admin", Status: 403),
        new("/admin/allowlist", "editor", Admin, _ => "/admin/allowlist"),
        new("/admin/allowlist", "invalid lines", Admin, _ => "/admin/allowlist", Act: (page, _) => PreviewAllowlistAsync(page, "not-an-email", "invalid-lines")),
        new("/admin/allowlist", "preview", Admin, _ => "/admin/allowlist", Act: (page, _) => PreviewAllowlistAsync(page, "axe-preview@autri.test", "allowlist-diff")),
        new("/admin/allowlist/history", "versions", Admin, _ => "/admin/allowlist/history"),
        new("/admin/users", "list", Admin, _ => "/admin/users"),
        new("/admin/notifications", "broadcast form", Admin, _ => "/admin/notifications"),
        new("/admin/connectors", "list", Admin, _ => "/admin/connectors"),
        new("/admin/connectors/{Id:guid}/revoke", "confirmation", Admin, s => $"/admin/connectors/{s.ApiKeyConnector}/revoke"),
        new("/admin/config", "parameters", Admin, _ => "/admin/config"),
        new("/admin/health", "report", Admin, _ => "/admin/health"),
        new("/admin/licence", "no licence installed", Admin, _ => "/admin/licence"),
        new("/admin/diagnostics", "a bundle generated", Admin, _ => "/admin/diagnostics", Act: GenerateDiagnosticsAsync),
        new("/ops/logs", "saved queries", Admin, _ => "/ops/logs"),
        new("/ops/logs/query", "editor", Admin, _ => "/ops/logs/query"),
        new("/ops/logs/query", "cost estimate", Admin, _ => "/ops/logs/query?q=" + Uri.EscapeDataString("fields @message | limit 5") + "&groups=portal&range=1h"),
        new("/ops/logs/query", "syntax error", Admin, _ => "/ops/logs/query?q=" + Uri.EscapeDataString("fields @timestamp\n| filter level = ") + "&groups=portal&range=1h",
            Status: 400, Act: (page, _) => Expect(page.Locator("[data-syntax-error]")).ToBeVisibleAsync()),
        new("/ops/logs/{Slug}", "run finished", Admin, _ => "/ops/logs/top-errors?range=1h", Act: WaitForRunAsync),
        new("/ops/logs/runs/{Id:guid}", "results", Admin, s => $"/ops/logs/runs/{s.LogsRun}", Act: WaitForRunAsync),
        new("/ops/costs", "local mode", Admin, _ => "/ops/costs"),

        new("/status/{Code:int}", "400", Beta, _ => "/status/400", Status: 400),
        new("/status/{Code:int}", "403", Beta, _ => "/status/403", Status: 403),
        new("/status/{Code:int}", "404 of a missing address", Users, _ => "/no-such-page", Status: 404),
        new("/status/{Code:int}", "500", Beta, _ => "/status/500", Status: 500),
        new("/status/{Code:int}", "503", Beta, _ => "/status/503", Status: 503),
        new("/not-invited", "after signing in", [Visitor.Outsider], _ => "/not-invited"),
        new("/signed-out", "signed out", Anonymous, _ => "/signed-out"),
        new("/signed-out", "identity provider unreachable", Anonymous, _ => "/signed-out?idp=unreachable"),
        new("/sign-in/failed", "expired sign-in", Anonymous, _ => "/sign-in/failed?reason=state", Status: 400),
    ];

    /// <summary>GET routes that are not pages a person reads, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotPages = new Dictionary<string, string>
    {
        ["/healthz"] = "plain-text liveness probe",
        ["/readyz"] = "plain-text readiness probe",
        ["/version"] = "JSON version probe (the coordination agent reads it)",
        ["/admin/diagnostics/{id:guid}.json"] = "a diagnostics bundle download (JSON)",
        ["/sign-in"] = "redirects to the identity provider",
        ["/notifications/stream"] = "server-sent events for the notification bell",
        ["/ops/logs/runs/{id:guid}/status"] = "the run's status region, scanned where htmx puts it: in the saved query and run pages",
        ["/ops/logs/runs/{id:guid}.csv"] = "a CSV download",
        ["/_framework/opaque-redirect"] = "the framework's redirect for enhanced navigation, not a page",
        ["/help/claude-desktop"] = "moved: redirects to /help/connect",
        ["/oauth/authorize/decide"] = "redirects: the not-invited page's way back to the app, else to the consent page",
    };

    private static async Task OpenAdminMenuAsync(IPage page, Seeds _)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToBeVisibleAsync();
    }

    /// <summary>Pastes emails and asks for the preview (nothing is saved before the admin confirms).</summary>
    private static async Task PreviewAllowlistAsync(IPage page, string emails, string shownTestId)
    {
        await page.GetByLabel("Add emails").FillAsync(emails);
        await page.GetByLabel("Change note").FillAsync("Accessibility scan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        await Expect(page.GetByTestId(shownTestId)).ToBeVisibleAsync();
    }

    private static async Task GenerateDiagnosticsAsync(IPage page, Seeds _)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate a diagnostics bundle" }).ClickAsync();
        await Expect(page.GetByTestId("diagnostics-bundles")).ToBeVisibleAsync();
    }

    private static async Task SendInvalidConnectorAsync(IPage page, Seeds _)
    {
        await page.GetByLabel("Name").FillAsync("no/slashes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create connector" }).ClickAsync();
        await Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
    }

    private static async Task MintTokenAsync(IPage page, Seeds seeds)
    {
        await page.GetByLabel("Client secret").FillAsync(seeds.OAuthSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mint a token" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your access token" })).ToBeVisibleAsync();
    }

    private static Task WaitForRunAsync(IPage page, Seeds _) =>
        Expect(page.GetByRole(AriaRole.Region, new() { Name = "Run" }).GetByRole(AriaRole.Status)).ToContainTextAsync("Complete");
}
