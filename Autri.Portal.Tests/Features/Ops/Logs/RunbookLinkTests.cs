namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>The runbook link field and its copy button, rendered with the framework's HtmlRenderer.</summary>
public class RunbookLinkTests
{
    private static Task<AngleSharp.Dom.IDocument> RenderAsync(string url) =>
        StaticRender.RenderAsync<RunbookLink>(new Dictionary<string, object?> { ["Url"] = url });

    [Fact]
    public async Task A_relative_link_says_it_runs_the_latest_logs_and_the_copy_button_targets_the_field()
    {
        var doc = await RenderAsync("https://portal.example/ops/logs/top-errors?range=1h");

        var field = doc.QuerySelector("input#runbook-link")!;
        Assert.Equal("https://portal.example/ops/logs/top-errors?range=1h", field.GetAttribute("value"));
        Assert.True(field.HasAttribute("readonly"));
        Assert.Contains("the last 1h", doc.QuerySelector("label[for=runbook-link]")!.TextContent);
        Assert.Equal("runbook-link", doc.QuerySelector("button[data-copy-target]")!.GetAttribute("data-copy-target"));
    }

    [Fact]
    public async Task A_fixed_window_link_says_it_always_shows_that_window()
    {
        var doc = await RenderAsync("https://portal.example/ops/logs/top-errors?start=2026-11-21T09%3A00%3A00Z&end=2026-11-21T10%3A00%3A00Z");

        var label = doc.QuerySelector("label[for=runbook-link]")!.TextContent;
        Assert.Contains("the same fixed time range", label);
        Assert.DoesNotContain("relative", label);
    }
}
