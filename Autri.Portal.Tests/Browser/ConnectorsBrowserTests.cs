namespace Autri.Portal.Tests.Browser;

[Collection(PortalCollection.Name)]
public class ConnectorsBrowserTests(PortalStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_beta_user_creates_both_kinds_uses_them_and_revokes_them()
    {
        var email = await stack.InviteNewAsync("chromium");
        var page = await browser.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = stack.Portal.Url });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add(m.Text); };
        page.PageError += (_, e) => problems.Add(e);
        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, email);

        // The empty state leads to the form.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Connectors" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create your first connector" }).ClickAsync();

        // An OAuth connector: the secret is shown once, focus on the warning, copy works.
        await page.GetByLabel("Name").FillAsync("Claude in Chromium");
        await page.GetByRole(AriaRole.Group, new() { Name = "Credential kind" }).GetByLabel("OAuth client").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create connector" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("created");
        await Assertions.Expect(page.Locator("#secret-warning")).ToBeFocusedAsync();
        var clientId = await page.Locator("#client-id").InputValueAsync();
        var secret = await page.Locator("#secret-value").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy Client secret" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Copied" })).ToHaveCountAsync(1);
        Assert.Equal(secret, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        // Mint a token with the form on the same page; it validates against the IdP's JWKS.
        await page.GetByRole(AriaRole.Button, new() { Name = "Mint a token" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your access token" })).ToBeVisibleAsync();
        var token = await page.Locator("#access-token").InputValueAsync();
        var jwt = await AccessTokens.ValidateAsync(stack.Idp.Issuer, token);
        await using (var conn = await stack.Db.OpenConnectionAsync())
        {
            Assert.Equal(clientId, await Dapper.SqlMapper.ExecuteScalarAsync<string>(conn, "SELECT client_id FROM connectors WHERE id = @id::uuid",
                new { id = jwt.GetClaim("connector_id").Value }));
        }
        Assert.Contains("mcp.invoke", jwt.GetClaim("scope").Value.Split(' '));

        // Shown once: the listing and the details never show it again.
        await page.GotoAsync(stack.Portal.Url + "/connectors");
        Assert.DoesNotContain(secret, await page.ContentAsync());
        // Back lands on no-store POST answers: Chromium neither shows them from its cache nor re-posts silently.
        try { await page.GoBackAsync(); }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_CACHE_MISS")) { }
        Assert.DoesNotContain(secret, await SettledContentAsync(page));

        // An API key that verifies.
        await page.GotoAsync(stack.Portal.Url + "/connectors");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create connector" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Key in Chromium");
        await page.GetByRole(AriaRole.Group, new() { Name = "Credential kind" }).GetByLabel("API key").CheckAsync();
        await page.GetByLabel("API key expiry").SelectOptionAsync("90");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create connector" }).ClickAsync();
        var apiKey = await page.Locator("#secret-value").InputValueAsync();
        var verifier = stack.Portal.Services.GetRequiredService<ApiKeyVerifier>();
        Assert.True((await verifier.VerifyAsync(apiKey, default)).IsValid);

        // Revoke both from their pages; then neither works.
        foreach (var name in new[] { "Claude in Chromium", "Key in Chromium" })
        {
            await page.GotoAsync(stack.Portal.Url + "/connectors");
            await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Revoke" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Revoke connector" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connector revoked" })).ToBeVisibleAsync();
        }
        Assert.Equal(ApiKeyOutcome.Revoked, (await verifier.VerifyAsync(apiKey, default)).Outcome);
        var refused = await Assert.ThrowsAsync<TokenMintException>(() =>
            stack.Portal.Services.GetRequiredService<TokenMinter>().MintAsync(clientId, secret, default));
        Assert.Equal("invalid_client", refused.OAuthError);
        await page.GotoAsync(stack.Portal.Url + "/connectors");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Revoked" })).ToHaveCountAsync(2);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Errors_are_summarised_focused_and_linked_to_their_fields()
    {
        var email = await stack.InviteNewAsync("chromium-err");
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, email);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welcome");
        await page.GotoAsync(stack.Portal.Url + "/connectors/new");

        await page.GetByLabel("Name").FillAsync("no/slashes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create connector" }).ClickAsync();

        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Use only letters" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Name")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    // Chromium may still be settling the back navigation (an error page for the no-store answer): read once it is done.
    private static async Task<string> SettledContentAsync(IPage page)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
                return await page.ContentAsync();
            }
            catch (PlaywrightException e) when (attempt < 20 && e.Message.Contains("navigating"))
            {
                await Task.Delay(100);
            }
        }
    }
}
