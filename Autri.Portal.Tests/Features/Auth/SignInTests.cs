namespace Autri.Portal.Tests.Features.Auth;

[Collection(PortalCollection.Name)]
public class SignInTests(PortalStack stack)
{
    [Fact]
    public async Task An_allowlisted_user_is_signed_in_and_provisioned()
    {
        var email = await stack.InviteNewAsync("beta");
        using var browser = new HttpSignIn();

        var landing = await browser.SignInAsync(stack.Portal.Url, email);

        Assert.Equal("/", landing);
        var home = await browser.Client.GetAsync(stack.Portal.Url + "/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Welcome to Autri", await home.Content.ReadAsStringAsync());
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM users WHERE email = @email", new { email }));
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0a/evil.example")]
    [InlineData("/%255C/evil.example")]
    [InlineData("//evil.example")]
    public async Task A_return_url_to_another_host_lands_on_the_dashboard(string returnUrl)
    {
        var email = await stack.InviteNewAsync("redirect");
        using var browser = new HttpSignIn();

        var landing = await browser.SignInAsync(stack.Portal.Url, email, "/sign-in?returnUrl=" + returnUrl);

        Assert.Equal("/", landing);
    }

    [Fact]
    public async Task A_return_url_on_this_site_is_where_the_sign_in_ends()
    {
        var email = await stack.InviteNewAsync("redirect");
        using var browser = new HttpSignIn();

        var landing = await browser.SignInAsync(stack.Portal.Url, email, "/sign-in?returnUrl=" + Uri.EscapeDataString("/connectors?x=1"));

        Assert.Equal("/connectors?x=1", landing);
    }

    [Fact]
    public async Task Someone_not_on_the_allowlist_sees_the_not_invited_page_and_no_rows_are_created()
    {
        var email = PortalStack.UniqueEmail("outsider");
        using var browser = new HttpSignIn();

        var landing = await browser.SignInAsync(stack.Portal.Url, email);

        Assert.Equal("/not-invited", landing);
        var page = await (await browser.Client.GetAsync(stack.Portal.Url + landing)).Content.ReadAsStringAsync();
        Assert.Contains("not invited to the beta", page);
        Assert.Contains("mailto:beta-invites@autri.test", page);
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM users WHERE email = @email", new { email }));
        var session = await browser.Client.GetAsync(stack.Portal.Url + "/notifications");
        Assert.Equal(HttpStatusCode.Redirect, session.StatusCode);
    }

    [Fact]
    public async Task A_tampered_state_is_refused_with_a_clear_page()
    {
        var email = await stack.InviteNewAsync("tamper");
        using var browser = new HttpSignIn();
        var callback = await browser.SignInAtIdpAsync(stack.Portal.Url, email);

        var tampered = new Uri(System.Text.RegularExpressions.Regex.Replace(callback.ToString(), "state=[^&]+", "state=forged"));
        var response = await browser.Client.GetAsync(tampered);

        Assert.Equal("/sign-in/failed?reason=state", response.Headers.Location?.ToString());
        var page = await browser.Client.GetAsync(stack.Portal.Url + response.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("expired, already used, or opened in another browser", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_replayed_callback_is_refused()
    {
        var email = await stack.InviteNewAsync("replay");
        using var browser = new HttpSignIn();
        var callback = await browser.SignInAtIdpAsync(stack.Portal.Url, email);
        Assert.Equal("/", (await browser.Client.GetAsync(callback)).Headers.Location?.ToString());

        var replay = await browser.Client.GetAsync(callback);

        Assert.StartsWith("/sign-in/failed", replay.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_session_cookie_from_one_instance_is_accepted_by_the_other()
    {
        var email = await stack.InviteNewAsync("multi");
        using var browser = new HttpSignIn();
        await browser.SignInAsync(stack.Portal.Url, email);
        var cookie = browser.Cookies.GetCookies(new Uri(stack.Portal.Url))["autri.session"]!;

        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, stack.SecondPortal.Url + "/notifications");
        request.Headers.Add("Cookie", $"autri.session={cookie.Value}");
        var response = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Welcome to Autri", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cookies_are_http_only_and_lax()
    {
        var email = await stack.InviteNewAsync("cookie");
        using var browser = new HttpSignIn();
        var callback = await browser.SignInAtIdpAsync(stack.Portal.Url, email);

        var response = await browser.Client.GetAsync(callback);

        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("autri.session", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sign_out_ends_the_portal_session_and_the_idp_session()
    {
        var email = await stack.InviteNewAsync("signout");
        using var browser = new HttpSignIn();
        await browser.SignInAsync(stack.Portal.Url, email);
        var page = await (await browser.Client.GetAsync(stack.Portal.Url + "/notifications")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var signOut = await browser.Client.PostAsync(stack.Portal.Url + "/sign-out",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var endSession = signOut.Headers.Location!;
        Assert.StartsWith(stack.Idp.Issuer + "/session/end", endSession.ToString());
        var back = await FollowAsync(browser.Client, endSession);
        Assert.Equal(stack.Portal.Url + "/signed-out", back.GetLeftPart(UriPartial.Path));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync(stack.Portal.Url + "/notifications")).StatusCode);
        // The IdP forgot the session: signing in again shows its login form rather than returning at once.
        var again = await FollowAsync(browser.Client, new Uri(stack.Portal.Url + "/sign-in"));
        Assert.Contains("/interaction/", again.ToString());
    }

    private static async Task<Uri> FollowAsync(HttpClient client, Uri start)
    {
        var next = start;
        for (var i = 0; i < 10; i++)
        {
            var r = await client.GetAsync(next);
            if (r.Headers.Location is null) return next;
            next = new Uri(next, r.Headers.Location);
        }
        return next;
    }
}
