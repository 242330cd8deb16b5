using static Autri.Portal.Tests.Features.Ops.Logs.LogsTestSupport;

namespace Autri.Portal.Tests.Browser;

/// <summary>A run that stays Running (the strict CloudWatch fake, scripted), as the admin sees it in Chromium.</summary>
public class LogsLiveBrowserTests(AwsModePortal portal, BrowserFixture browser) : IClassFixture<AwsModePortal>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Keyboard_focus_on_Cancel_survives_the_live_updates_and_Enter_cancels_the_query()
    {
        portal.Aws.Logs.EnqueueScript(new QueryPoll("Running", RecordsScanned: 10, BytesScanned: 2048));
        var page = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, portal.Url, Admin);
        var statusPolls = 0;
        page.Request += (_, r) => { if (r.Url.Contains("/status", StringComparison.Ordinal)) Interlocked.Increment(ref statusPolls); };

        await page.GotoAsync($"{portal.Url}/ops/logs/query?q={Uri.EscapeDataString("fields @message | limit 11")}&groups=portal&range=15m");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run query" }).ClickAsync();
        var run = page.GetByRole(AriaRole.Region, new() { Name = "Run" });
        await Assertions.Expect(run.GetByRole(AriaRole.Status)).ToContainTextAsync("Running");
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Cancel query" });
        await cancel.FocusAsync();
        var before = Volatile.Read(ref statusPolls);

        // Two more swaps of the live region (htmx polls every second) while focus rests on Cancel.
        for (var deadline = DateTime.UtcNow.AddSeconds(20); Volatile.Read(ref statusPolls) < before + 2 && DateTime.UtcNow < deadline;)
            await Task.Delay(100);
        await page.WaitForTimeoutAsync(300);

        Assert.True(Volatile.Read(ref statusPolls) >= before + 2, "the status region was not polled");
        Assert.Equal("Cancel query", await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(run.GetByRole(AriaRole.Status)).ToContainTextAsync("Cancelled");
        Assert.Contains(portal.Aws.Calls, c => c.Operation == "StopQuery");
    }
}
