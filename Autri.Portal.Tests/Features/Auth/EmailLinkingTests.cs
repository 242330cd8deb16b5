namespace Autri.Portal.Tests.Features.Auth;

/// <summary>
/// A sign-in whose subject the portal has not seen, for an email an account already has (a user deleted and
/// re-created at the IdP gets a new sub), takes that account over only when the IdP says the email is verified:
/// otherwise whoever typed the address at an IdP that does not check it would get someone else's account.
/// </summary>
[Collection(PortalCollection.Name)]
public class EmailLinkingTests(PortalStack stack)
{
    private async Task<string> AccountLeftByAPreviousIdentityAsync(string email)
    {
        await stack.AllowAsync(email);
        await using var conn = await stack.Db.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO users (id, subject, email, display_name) VALUES (gen_random_uuid(), 'previous-sub', @email, 'Previous')", new { email });
        return "previous-sub";
    }

    private async Task<string> SubjectOfAsync(string email)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<string>("SELECT subject FROM users WHERE email = @email", new { email });
    }

    [Fact]
    public async Task An_unverified_email_is_refused_with_a_clear_page_and_the_account_keeps_its_subject()
    {
        var email = PortalStack.UniqueEmail("unverified");
        var previous = await AccountLeftByAPreviousIdentityAsync(email);
        await stack.Idp.SetAccountAsync(email, new { emailVerified = false });
        using var browser = new HttpSignIn();

        var landing = await browser.SignInAsync(stack.Portal.Url, email);

        Assert.Equal("/sign-in/failed?reason=email_not_verified", landing);
        var page = await (await browser.Client.GetAsync(stack.Portal.Url + landing)).Content.ReadAsStringAsync();
        Assert.Contains("not verified", page);
        Assert.Equal(previous, await SubjectOfAsync(email));
        var session = await browser.Client.GetAsync(stack.Portal.Url + "/connectors");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, session.StatusCode);
        var log = await File.ReadAllTextAsync(Path.Combine(stack.LogsDirectory, "portal.jsonl"));
        Assert.Contains("\"reason\":\"email_not_verified\"", log);
    }

    [Fact]
    public async Task A_verified_email_takes_over_the_account_with_that_email()
    {
        var email = PortalStack.UniqueEmail("verified");
        var previous = await AccountLeftByAPreviousIdentityAsync(email);
        using var browser = new HttpSignIn();

        var landing = await browser.SignInAsync(stack.Portal.Url, email);

        Assert.Equal("/", landing);
        Assert.NotEqual(previous, await SubjectOfAsync(email));
    }

    [Fact]
    public async Task A_first_sign_in_with_an_unverified_email_that_no_account_has_is_provisioned()
    {
        var email = await stack.InviteNewAsync("newcomer");
        await stack.Idp.SetAccountAsync(email, new { emailVerified = false });
        using var browser = new HttpSignIn();

        Assert.Equal("/", await browser.SignInAsync(stack.Portal.Url, email));
    }
}
