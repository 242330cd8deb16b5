using static Microsoft.Playwright.Assertions;

namespace Autri.Portal.Tests.Browser;

/// <summary>
/// The live bell in a real browser (Debian's Chromium, never a downloaded one): htmx's SSE extension, the
/// stream, LISTEN/NOTIFY across two instances, and the CSP all have to agree for the badge to change.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class NotificationsBrowserTests(PortalStack stack) : IAsyncLifetime
{
    private static readonly float Generous = 20_000;

    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static async Task SignInAsync(IPage page, string portalUrl, string email)
    {
        await page.GotoAsync(portalUrl + "/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DevIdentityProvider.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(portalUrl + "/");
    }

    [Fact]
    public async Task An_admin_broadcast_changes_the_bell_badge_on_an_open_page_without_a_reload()
    {
        var email = await stack.InviteNewAsync("chromium");
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        // Script errors and CSP violations count; the portal's missing favicon (not this feature's) does not.
        page.Console += (_, m) => { if (m.Type == "error" && !m.Location.Contains("/favicon.ico")) problems.Add(m.Text + " at " + m.Location); };
        page.PageError += (_, e) => problems.Add(e);
        await SignInAsync(page, stack.Portal.Url, email);
        // The page is served by the other instance; the broadcast below goes through the first.
        await page.GotoAsync(stack.SecondPortal.Url + "/help/connect");
        var badge = page.GetByTestId("unread-count");
        await Expect(badge).ToHaveTextAsync("1");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        using var admin = await NotificationSessions.AdminAsync(stack);

        var post = await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, email, "Live in the browser");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, post.StatusCode);

        await Expect(badge).ToHaveTextAsync("2", new() { Timeout = Generous });
        await Expect(page.Locator("#notification-live")).ToHaveTextAsync("2 unread notifications", new() { Timeout = Generous });
        await Expect(page.Locator("#notification-bell")).ToHaveAccessibleNameAsync("Notifications, 2 unread");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        Assert.Equal(stack.SecondPortal.Url + "/help/connect", page.Url);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Marking_all_read_in_one_tab_clears_the_badge_in_another()
    {
        var email = await stack.InviteNewAsync("two-tabs");
        await using var context = await _browser.NewContextAsync();
        var first = await context.NewPageAsync();
        await SignInAsync(first, stack.Portal.Url, email);
        await Expect(first.GetByTestId("unread-count")).ToHaveTextAsync("1");
        var second = await context.NewPageAsync();
        await second.GotoAsync(stack.SecondPortal.Url + "/notifications");

        await second.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();

        await Expect(second.GetByTestId("unread-count")).ToHaveCountAsync(0);
        await Expect(first.GetByTestId("unread-count")).ToHaveCountAsync(0, new() { Timeout = Generous });
        await Expect(first.Locator("#notification-live")).ToHaveTextAsync("No unread notifications", new() { Timeout = Generous });
    }
}
