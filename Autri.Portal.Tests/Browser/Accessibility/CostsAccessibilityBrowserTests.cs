using Autri.Portal.Tests.Features.Ops.Costs;

namespace Autri.Portal.Tests.Browser.Accessibility;

/// <summary>
/// The Costs page with data (AWS mode against the strict fake: month to date, the daily chart, budgets), which the
/// local stack of <see cref="AccessibilityBrowserTests"/> cannot show.
/// </summary>
public class CostsAccessibilityBrowserTests(CostsAwsStack stack, BrowserFixture browser) : IClassFixture<CostsAwsStack>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_costs_page_with_costs_and_budgets_has_no_serious_accessibility_violation()
    {
        await stack.ResetAsync();
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, "admin@autri.test");

        await page.GotoAsync(stack.Portal.Url + "/ops/costs");
        await Assertions.Expect(page.Locator("svg[role=img]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("budget")).ToHaveCountAsync(1);

        var violations = await AxeScan.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, "/ops/costs in AWS mode:\n  " + string.Join("\n  ", violations));
    }
}
