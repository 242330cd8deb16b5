namespace Autri.Portal.Tests.Features.Admin;

/// <summary>/admin: the page the navbar's Admin toggle leads to without script.</summary>
[Collection(PortalCollection.Name)]
public class AdminOverviewTests(PortalStack stack)
{
    [Fact]
    public async Task The_admin_gets_the_overview_linking_every_admin_page_with_what_it_is_for()
    {
        using var admin = new HttpSignIn();
        Assert.Equal("/", await admin.SignInAsync(stack.Portal.Url, "admin@autri.test"));

        var response = await admin.Client.GetAsync(stack.Portal.Url + "/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Admin", page.QuerySelector("h1")?.TextContent.Trim());
        var nav = page.QuerySelector("main nav[aria-label='Admin pages']") ?? throw new Xunit.Sdk.XunitException("no Admin pages navigation");
        Assert.NotEmpty(nav.QuerySelectorAll("section > h2"));
        var links = nav.QuerySelectorAll("ul > li > a").ToDictionary(a => a.GetAttribute("href")!);
        // Every admin page a person can open by address: the /admin and /ops routes without a parameter.
        var adminPages = PortalRoutes.Get(stack.Portal.App)
            .Where(r => r.IsPage && !r.Template.Contains('{') && r.Template != "/admin"
                        && (r.Template.StartsWith("/admin/", StringComparison.Ordinal) || r.Template.StartsWith("/ops/", StringComparison.Ordinal)))
            .Select(r => r.Template)
            .ToList();
        Assert.Contains("/admin/allowlist", adminPages);
        Assert.Equal(adminPages.Order(), links.Keys.Order());
        foreach (var (href, link) in links)
        {
            var purpose = page.GetElementById(link.GetAttribute("aria-describedby") ?? "")?.TextContent.Trim();
            Assert.False(string.IsNullOrEmpty(purpose), $"the link to {href} says nothing about what the page is for");
            Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(stack.Portal.Url + href)).StatusCode);
        }
    }

    [Fact]
    public async Task A_beta_user_is_refused_the_overview_as_other_admin_pages()
    {
        var email = await stack.InviteNewAsync("overview");
        using var beta = new HttpSignIn();
        Assert.Equal("/", await beta.SignInAsync(stack.Portal.Url, email));

        var overview = await beta.Client.GetAsync(stack.Portal.Url + "/admin");
        var users = await beta.Client.GetAsync(stack.Portal.Url + "/admin/users");

        Assert.Equal(HttpStatusCode.Forbidden, overview.StatusCode);
        Assert.Equal(users.StatusCode, overview.StatusCode);
        var heading = new HtmlParser().ParseDocument(await overview.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent.Trim();
        Assert.Equal("You do not have access to this page", heading);
        Assert.Equal(heading, new HtmlParser().ParseDocument(await users.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_the_overview()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await client.GetAsync(stack.Portal.Url + "/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in?returnUrl=%2Fadmin", response.Headers.Location!.ToString());
    }
}
