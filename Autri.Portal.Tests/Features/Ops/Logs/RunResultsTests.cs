using Autri.Infra.Logs.Runner;

namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>The results part of a run, rendered with the framework's HtmlRenderer.</summary>
public class RunResultsTests
{
    private static LogRun Run(IReadOnlyList<string> columns, int rowCount, string query = "fields @timestamp, message", long scanned = 100) => new(
        Guid.NewGuid(), "hash", query, ["portal", "mcp"], DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, null, "q-1",
        LogRunStatus.Complete, false, false, new LogsQueryStatistics(rowCount, scanned, scanned == 0 ? 0 : 4096), columns, rowCount, null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private static Task<AngleSharp.Dom.IDocument> RenderAsync(LogRun run, IReadOnlyList<IReadOnlyList<string?>> rows, ResultView? view = null) =>
        StaticRender.RenderAsync<RunResults>(new Dictionary<string, object?>
        {
            ["Run"] = run,
            ["Rows"] = rows,
            ["View"] = view ?? ResultView.Default,
        });

    [Fact]
    public async Task Columns_keep_the_query_order_hide_the_pointer_and_fold_long_messages()
    {
        var longMessage = "Exception: " + new string('x', 300) + "\n   at Somewhere()";
        var doc = await RenderAsync(Run(["@timestamp", "message", "@ptr"], 2),
        [
            ["2026-11-21 10:00:00.000", "short", "p1"],
            ["2026-11-21 10:01:00.000", longMessage, "p2"],
        ]);

        Assert.Equal(["@timestamp", "message"], doc.QuerySelectorAll("thead th a").Select(a => a.ChildNodes[0].TextContent.Trim()));
        Assert.DoesNotContain("p1", doc.QuerySelector("tbody")!.TextContent);
        var folded = doc.QuerySelectorAll("tbody tr")[1].QuerySelector("details")!;
        Assert.EndsWith(" …", folded.QuerySelector("summary")!.TextContent);
        Assert.Equal(longMessage, folded.QuerySelector("pre")!.TextContent);
        Assert.Null(doc.QuerySelectorAll("tbody tr")[0].QuerySelector("details"));
        Assert.Null(doc.QuerySelector("[data-row-cap]"));
    }

    [Fact]
    public async Task Headers_link_to_the_server_side_sort_and_mark_the_current_one()
    {
        var run = Run(["name", "n"], 2);
        var doc = await RenderAsync(run, [["a", "2"], ["b", "10"]], ResultView.From("n", "desc", null, null));

        var n = doc.QuerySelectorAll("thead th")[1];
        Assert.Equal("descending", n.GetAttribute("aria-sort"));
        Assert.Equal($"/ops/logs/runs/{run.Id}?sort=n&dir=asc", n.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("none", doc.QuerySelectorAll("thead th")[0].GetAttribute("aria-sort"));
        Assert.Equal(["b", "a"], doc.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Equal($"/ops/logs/runs/{run.Id}.csv?sort=n&dir=desc", doc.QuerySelectorAll("a").Single(a => a.TextContent == "Download CSV").GetAttribute("href"));
    }

    [Fact]
    public async Task A_result_of_10000_rows_says_the_AWS_cap_was_reached()
    {
        var rows = Enumerable.Range(0, 10_000).Select(i => (IReadOnlyList<string?>)[i.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ToList();

        var doc = await RenderAsync(Run(["n"], rows.Count, "fields n"), rows);

        Assert.Contains("at most 10,000 rows", doc.QuerySelector("[data-row-cap]")!.TextContent);
        Assert.Equal(ResultView.PageSize, doc.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task No_rows_says_so()
    {
        var doc = await RenderAsync(Run(["n"], 0), []);

        Assert.Contains("No rows matched", doc.Body!.TextContent);
        Assert.Null(doc.QuerySelector("table"));
    }

    [Fact]
    public async Task When_nothing_was_scanned_the_page_says_the_log_groups_had_no_events_rather_than_no_match()
    {
        var doc = await RenderAsync(Run(["n"], 0, scanned: 0), []);

        var empty = doc.QuerySelector("[data-empty=nothing-scanned]")!;
        Assert.Contains("portal, mcp", empty.TextContent);
        Assert.Contains("no log events", empty.TextContent);
        Assert.DoesNotContain("No rows matched", doc.Body!.TextContent);
    }
}
