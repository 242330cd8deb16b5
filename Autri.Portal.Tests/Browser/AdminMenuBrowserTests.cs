namespace Autri.Portal.Tests.Browser;

/// <summary>The navbar's Admin menu: a dropdown with script, a link to the admin overview without.</summary>
[Collection(PortalCollection.Name)]
public class AdminMenuBrowserTests(PortalStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Admin = "admin@autri.test";

    [Fact]
    public async Task The_admin_menu_opens_moves_and_closes_with_the_keyboard()
    {
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, Admin);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Admin", Exact = true });
        var menu = page.Locator(".dropdown-menu");

        // Tab from the last main link reaches the toggle; Enter opens the menu without leaving the page.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Help" }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(toggle).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        Assert.Equal(stack.Portal.Url + "/", page.Url);

        // Escape closes it and leaves focus on the toggle; Space opens it again, as for any button.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToBeFocusedAsync();
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(menu).ToBeVisibleAsync();

        // The arrow keys walk the items, the overview first; Enter follows one.
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Allowlist" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(stack.Portal.Url + "/admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Admin");
    }

    [Fact]
    public async Task Without_script_the_Admin_toggle_leads_to_the_overview_and_on_to_every_admin_page()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, Admin);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Button, new() { Name = "Admin", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(stack.Portal.Url + "/admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Admin");
        var overview = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Navigation, new() { Name = "Admin pages" });
        await overview.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Users");
    }
}
