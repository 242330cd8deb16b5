namespace Autri.Portal.Tests.Features.Auth;

[Collection(PortalCollection.Name)]
public class AuthorizationTests(PortalStack stack)
{
    private async Task<HttpSignIn> SignedIn(string email)
    {
        await stack.AllowAsync(email);
        var browser = new HttpSignIn();
        Assert.Equal("/", await browser.SignInAsync(stack.Portal.Url, email));
        return browser;
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/health")]
    [InlineData("/admin/anything-else")]
    [InlineData("/ops/logs")]
    [InlineData("/ops/costs")]
    public async Task A_beta_user_gets_403_in_the_admin_and_ops_areas(string path)
    {
        using var browser = await SignedIn(PortalStack.UniqueEmail("nonadmin"));

        var response = await browser.Client.GetAsync(stack.Portal.Url + path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("for administrators", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_admin_pages()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await client.GetAsync(stack.Portal.Url + "/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in?returnUrl=%2Fadmin%2Fusers", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_admin_reaches_the_users_and_health_pages()
    {
        using var admin = new HttpSignIn();
        Assert.Equal("/", await admin.SignInAsync(stack.Portal.Url, "admin@autri.test"));

        var users = await admin.Client.GetAsync(stack.Portal.Url + "/admin/users");
        var health = await admin.Client.GetAsync(stack.Portal.Url + "/admin/health");

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains("admin@autri.test", await users.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var healthPage = await health.Content.ReadAsStringAsync();
        Assert.Contains("migrations current", healthPage);
        Assert.Contains("discovery ok", healthPage);
        Assert.Contains("pgvector", healthPage);
        Assert.DoesNotContain("dev-portal-secret", healthPage);
        Assert.Contains("Identity:ClientSecret", healthPage);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_rejected()
    {
        using var browser = await SignedIn(PortalStack.UniqueEmail("csrf"));

        var response = await browser.Client.PostAsync(stack.Portal.Url + "/notifications/read-all", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The request could not be accepted", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_with_the_antiforgery_token_is_accepted()
    {
        using var browser = await SignedIn(PortalStack.UniqueEmail("csrf-ok"));
        var page = await (await browser.Client.GetAsync(stack.Portal.Url + "/notifications")).Content.ReadAsStringAsync();
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await browser.Client.PostAsync(stack.Portal.Url + "/notifications/read-all",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await (await browser.Client.GetAsync(stack.Portal.Url + "/notifications")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Mark read", after);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var client = new HttpClient();

        var response = await client.GetAsync(stack.Portal.Url + "/signed-out");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Pages_have_no_inline_scripts()
    {
        using var browser = await SignedIn(PortalStack.UniqueEmail("inline"));

        foreach (var path in new[] { "/", "/notifications", "/help/connect", "/not-invited", "/signed-out" })
        {
            var html = await (await browser.Client.GetAsync(stack.Portal.Url + path)).Content.ReadAsStringAsync();
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
            Assert.DoesNotContain(" style=\"", html);
            Assert.DoesNotMatch(" on[a-z]+=\"", html);
        }
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_page()
    {
        using var client = new HttpClient();

        var response = await client.GetAsync(stack.Portal.Url + "/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}
