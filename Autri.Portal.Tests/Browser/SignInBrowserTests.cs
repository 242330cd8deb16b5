namespace Autri.Portal.Tests.Browser;

[Collection(PortalCollection.Name)]
public class SignInBrowserTests(PortalStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_beta_user_lands_on_the_dashboard_and_sees_the_welcome_notification_in_the_bell()
    {
        await stack.AllowAsync("beta@autri.test");
        var page = await browser.NewPageAsync();

        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, "beta@autri.test");

        Assert.Equal(stack.Portal.Url + "/", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welcome");
        var bell = page.Locator("#notification-bell");
        await Assertions.Expect(bell.Locator("[data-testid=unread-count]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        await bell.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Autri" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);

        await page.GotoAsync(stack.Portal.Url + "/admin/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You do not have access to this page");
    }

    [Fact]
    public async Task The_outsider_sees_the_not_invited_page_and_nothing_is_stored()
    {
        var page = await browser.NewPageAsync();

        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, "outsider@autri.test");

        Assert.Equal(stack.Portal.Url + "/not-invited", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You are not invited to the beta yet");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "beta-invites@autri.test" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^mailto:beta-invites@autri.test"));
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM users WHERE email = 'outsider@autri.test'"));
    }

    [Fact]
    public async Task The_admin_reaches_the_admin_section_with_the_keyboard()
    {
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, "admin@autri.test");

        await page.GetByRole(AriaRole.Button, new() { Name = "Admin" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Users");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "admin@autri.test" })).ToBeVisibleAsync();
    }
}
