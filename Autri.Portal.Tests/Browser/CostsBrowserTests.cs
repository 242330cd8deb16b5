namespace Autri.Portal.Tests.Browser;

[Collection(PortalCollection.Name)]
public class CostsBrowserTests(PortalStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_opens_costs_in_local_mode_and_reads_how_to_connect_an_AWS_account()
    {
        var page = await browser.NewPageAsync();
        // The page must need no inline style or script: Chromium reports each CSP refusal on the console.
        var cspViolations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) cspViolations.Add(message.Text); };
        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, "admin@autri.test");

        await page.GetByRole(AriaRole.Button, new() { Name = "Admin" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Costs" }).ClickAsync();

        Assert.Equal(stack.Portal.Url + "/ops/costs", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Costs");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No AWS account is connected" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("costs-required-actions").GetByRole(AriaRole.Listitem))
            .ToContainTextAsync(["ce:GetCostAndUsage", "ce:GetCostForecast", "budgets:ViewBudget"]);
        await Assertions.Expect(page.GetByText("activate cost-bucket as a user-defined cost allocation tag", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg[role=img]")).ToHaveCountAsync(0);
        Assert.True(cspViolations.Count == 0, string.Join("\n", cspViolations));
    }
}
