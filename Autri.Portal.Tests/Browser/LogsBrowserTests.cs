using static Autri.Portal.Tests.Features.Ops.Logs.LogsTestSupport;

namespace Autri.Portal.Tests.Browser;

[Collection(PortalCollection.Name)]
public class LogsBrowserTests(PortalStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_opens_the_top_errors_runbook_link_in_local_mode_and_sees_the_table()
    {
        // Error lines of the portal group (a rotated portal.*.jsonl file, beside the live one the portals write).
        var token = Token();
        Append(stack.LogsDirectory, $"portal.{token}", Enumerable.Range(0, 4).Select(i => (object)new
        {
            time = Iso(DateTimeOffset.UtcNow.AddMinutes(-30 - i)), level = "error", logger = "Autri.Test",
            message = $"Upstream {token} refused connection {i}", @event = "test_error",
        }));
        var page = await browser.NewPageAsync();
        var consoleErrors = new List<string>();
        await BrowserSignIn.SignInAsync(page, stack.Portal.Url, Admin);
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text + " at " + m.Location); };

        await page.GotoAsync(stack.Portal.Url + "/ops/logs/top-errors?range=24h");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Top errors");
        var row = page.Locator("table.result-table tbody tr").Filter(new() { HasText = token });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("4");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "occurrences" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Run" }).GetByRole(AriaRole.Status)).ToContainTextAsync("Complete");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy runbook link" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Runbook link", new() { Exact = false })).ToHaveValueAsync(stack.Portal.Url + "/ops/logs/top-errors?range=24h");
        // No CSP refusal or script error (the portal has no favicon; that 404 is not this page's).
        var problems = consoleErrors.Where(e => !e.Contains("/favicon.ico")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
