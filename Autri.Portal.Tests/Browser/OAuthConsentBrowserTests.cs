namespace Autri.Portal.Tests.Browser;

[Collection(PortalCollection.Name)]
public class OAuthConsentBrowserTests(PortalStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_beta_user_signs_in_from_an_apps_request_consents_with_the_keyboard_and_the_app_gets_its_code()
    {
        var email = await stack.InviteNewAsync("consent");
        // The app's loopback listener, as a native client runs one (Playwright does not route redirected requests).
        var appPort = FreePort.Next();
        var redirectUri = $"http://127.0.0.1:{appPort}/callback";
        var appBuilder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseUrls(appBuilder.WebHost, $"http://127.0.0.1:{appPort}");
        await using var app = appBuilder.Build();
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/callback", () => "app received the answer");
        await app.StartAsync();

        using var client = new OAuthTestClient(stack.Portal.Url);
        var clientId = (await client.RegisterPublicAsync("Claude in Chromium", redirectUri)).GetProperty("client_id").GetString()!;
        var pkce = OAuthTestClient.NewPkce();
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, e) => problems.Add(e);

        await page.GotoAsync(client.AuthorizeUrl(clientId, pkce, state: "browser-state", redirectUri: redirectUri));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DevIdentityProvider.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Allow Claude in Chromium to read one of your libraries?");
        await Assertions.Expect(page.GetByTestId("client-self-registered")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("redirect-host")).ToHaveTextAsync($"127.0.0.1:{appPort}");
        // The whole consent page, navigation included (PortalPages names it as scanned here: it needs a live request).
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, "axe found: " + string.Join("; ", serious));

        // Keyboard only: the library picker, then Allow.
        await page.GetByLabel("Library").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Allow" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.StartsWith(redirectUri, StringComparison.Ordinal));
        await Assertions.Expect(page.GetByText("app received the answer")).ToBeVisibleAsync();
        var answer = OAuthTestClient.Query(new Uri(page.Url));
        Assert.Equal("browser-state", answer["state"]);
        var tokens = await client.ExchangeAsync(clientId, answer["code"]!, pkce, redirectUri: redirectUri);
        await AccessTokens.ValidateAsync(stack.Portal.Url, tokens.AccessToken, client.McpResource);

        // The connector it made is on the Connectors page, as app access.
        await page.GotoAsync(stack.Portal.Url + "/connectors");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Claude in Chromium" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "App access" })).ToBeVisibleAsync();
        Assert.Empty(problems);
    }
}
