using System.Globalization;

namespace Autri.Portal.Tests.Features.Ops.Costs;

public class DailyCostChartTests
{
    private static readonly DateOnly Today = new(2025, 3, 4);

    /// <summary>Days built the way the page builds them: from a Cost Explorer-shaped answer through the domain.</summary>
    private static CostBreakdown Breakdown(params (string Day, bool Estimated, (string Bucket, string Amount)[] Costs)[] days) =>
        CostBreakdown.From([UsageGrouping.ByCostBucket, UsageGrouping.ByService],
            days.Select(d => new UsageInterval(d.Day, DateRange.Wire(DateRange.ParseWire(d.Day).AddDays(1)), d.Estimated,
                d.Costs.Select(c => new UsageGroup(["cost-bucket$" + c.Bucket, "Some service"], c.Amount, "USD")).ToList())).ToList(),
            Today);

    private static Task<IDocument> RenderAsync(CostBreakdown b, string id = "cost-trend") =>
        Rendered.ComponentAsync<DailyCostChart>(new()
        {
            [nameof(DailyCostChart.Days)] = b.Daily,
            [nameof(DailyCostChart.Buckets)] = b.Buckets,
            [nameof(DailyCostChart.Period)] = b.Trend,
            [nameof(DailyCostChart.Unit)] = b.Unit ?? "",
            [nameof(DailyCostChart.Id)] = id,
        });

    private static readonly CostBreakdown ThreeDays = Breakdown(
        ("2025-03-01", false, [("compute", "2.00"), ("data", "1.00"), ("", "0.50")]),
        ("2025-03-02", false, [("compute", "4.00"), ("data", "1.00")]),
        ("2025-03-03", true, [("compute", "1.00")]));

    private static double Num(IElement e, string attribute) => double.Parse(e.GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_chart_is_an_image_labelled_by_its_title_and_description()
    {
        var doc = await RenderAsync(ThreeDays);

        var svg = Assert.Single(doc.QuerySelectorAll("svg[role=img]"));
        var ids = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal(["cost-trend-title", "cost-trend-desc"], ids);
        Assert.Equal("title", doc.GetElementById("cost-trend-title")!.LocalName);
        Assert.Equal("Daily cost by cost bucket, 2 Feb 2025 to 3 Mar 2025", doc.GetElementById("cost-trend-title")!.TextContent);
        var desc = doc.GetElementById("cost-trend-desc")!.TextContent;
        Assert.Contains("data, compute, Untagged", desc);
        Assert.Contains("Total 9.50 USD over 3 day(s); highest 5.00 USD on 2 Mar 2025", desc);
        Assert.Contains("Estimated by AWS: 3 Mar 2025", desc);
    }

    [Fact]
    public async Task Each_positive_amount_is_one_segment_stacked_in_bucket_order_with_heights_in_proportion()
    {
        var doc = await RenderAsync(ThreeDays);

        var first = doc.QuerySelector("g[data-day='2025-03-01']")!;
        var segments = first.QuerySelectorAll("rect[data-bucket]").ToList();
        // Stack order (network, data, auth, compute, portal, monitoring), then other values, untagged on top.
        Assert.Equal(["data", "compute", "Untagged"], segments.Select(s => s.GetAttribute("data-bucket")));
        // Bottom-up: each segment sits on the one before it.
        Assert.Equal(Num(segments[0], "y"), Num(segments[1], "y") + Num(segments[1], "height"), 1);
        Assert.Equal(Num(segments[1], "y"), Num(segments[2], "y") + Num(segments[2], "height"), 1);
        Assert.Equal(2.0, Num(segments[1], "height") / Num(segments[0], "height"), 2);
        Assert.Equal(6, doc.QuerySelectorAll("g.cost-chart-bars rect[data-bucket]").Length);
        Assert.Equal("1 Mar 2025 · compute: 2.00 USD", segments[1].QuerySelector("title")!.TextContent);
    }

    [Fact]
    public async Task The_tallest_day_fits_under_the_top_tick_and_the_ticks_are_round()
    {
        var doc = await RenderAsync(ThreeDays);

        var ticks = doc.QuerySelectorAll("g[data-axis=y] g[data-tick]").Select(t => t.GetAttribute("data-tick")).ToList();
        Assert.Equal(["0", "2", "4", "6"], ticks);
        Assert.Equal(["0", "2", "4", "6"], doc.QuerySelectorAll("g[data-axis=y] g[data-tick] text").Select(t => t.TextContent));
        var tallestTop = doc.QuerySelectorAll("g[data-day='2025-03-02'] rect[data-bucket]").Min(r => Num(r, "y"));
        Assert.True(tallestTop >= DailyChartLayout.Top, $"top {tallestTop} within the plot");
    }

    [Fact]
    public async Task Both_axes_are_labelled()
    {
        var doc = await RenderAsync(ThreeDays);

        var y = doc.QuerySelector("g[data-axis=y]")!.TextContent;
        Assert.Contains("Cost per day (USD)", y);
        var xLabels = doc.QuerySelectorAll("g[data-axis=x] g[data-label-day] text").Select(t => t.TextContent).ToList();
        Assert.Equal(["2 Feb", "7 Feb", "12 Feb", "17 Feb", "22 Feb", "27 Feb"], xLabels);
        Assert.Contains("Day (UTC)", doc.QuerySelector("g[data-axis=x]")!.TextContent);
    }

    [Fact]
    public async Task Estimated_days_are_hatched_and_say_so_in_titles_legend_and_table()
    {
        var doc = await RenderAsync(ThreeDays);

        var estimated = Assert.Single(doc.QuerySelectorAll("g[data-estimated=true]"));
        Assert.Equal("2025-03-03", estimated.GetAttribute("data-day"));
        Assert.Equal("url(#cost-trend-estimated)", estimated.QuerySelector("rect[data-overlay=estimated]")!.GetAttribute("fill"));
        Assert.EndsWith("(estimated)", estimated.QuerySelector("rect[data-bucket] title")!.TextContent);
        Assert.NotNull(doc.GetElementById("cost-trend-estimated"));
        Assert.Contains("estimated by AWS", doc.QuerySelector("figcaption")!.TextContent);
        Assert.Contains("(estimated)", doc.QuerySelectorAll("table tbody tr")[2].TextContent);
    }

    [Fact]
    public async Task The_table_repeats_every_day_and_bucket()
    {
        var doc = await RenderAsync(ThreeDays);

        var table = doc.QuerySelector("details table")!;
        Assert.Equal(["Day", "data", "compute", "Untagged", "Total"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["1 Mar 2025", "1.00 USD", "2.00 USD", "0.50 USD", "3.50 USD"], rows[0]);
        Assert.Equal(["2 Mar 2025", "1.00 USD", "4.00 USD", "–", "5.00 USD"], rows[1]);
    }

    [Fact]
    public async Task The_legend_names_every_bucket_with_its_colour()
    {
        var doc = await RenderAsync(ThreeDays);

        var items = doc.QuerySelectorAll("figcaption li").Take(3).ToList();
        Assert.Equal(["data", "compute", "Untagged"], items.Select(i => i.TextContent.Trim()));
        Assert.Equal(BucketColors.Untagged, items[2].QuerySelector("rect")!.GetAttribute("fill"));
        Assert.Equal(items[1].QuerySelector("rect")!.GetAttribute("fill"), doc.QuerySelector("rect[data-bucket=compute]")!.GetAttribute("fill"));
    }

    [Fact]
    public async Task Without_costs_there_is_a_sentence_and_no_chart()
    {
        var doc = await RenderAsync(Breakdown(("2025-03-01", false, [])));

        Assert.Empty(doc.QuerySelectorAll("svg"));
        Assert.Equal("No costs recorded from 2 Feb 2025 to 3 Mar 2025.", doc.QuerySelector("[data-testid=cost-trend-empty]")!.TextContent);
    }

    [Fact]
    public async Task Credits_are_not_drawn_but_are_described_and_listed()
    {
        var doc = await RenderAsync(Breakdown(("2025-03-01", false, [("compute", "3.00"), ("data", "-1.00")])));

        Assert.Equal(["compute"], doc.QuerySelectorAll("rect[data-bucket]").Select(r => r.GetAttribute("data-bucket")));
        Assert.Contains("Credits (negative amounts) are not drawn", doc.GetElementById("cost-trend-desc")!.TextContent);
        Assert.Contains("-1.00 USD", doc.QuerySelector("details table")!.TextContent);
    }

    [Fact]
    public async Task Ids_follow_the_given_prefix_so_two_charts_can_share_a_page()
    {
        var doc = await RenderAsync(ThreeDays, id: "other");

        Assert.Equal("other-title other-desc", doc.QuerySelector("svg[role=img]")!.GetAttribute("aria-labelledby"));
        Assert.Null(doc.GetElementById("cost-trend-title"));
    }

    [Theory]
    [InlineData("0.05", "0.01", "0.05")]
    [InlineData("0.5", "0.1", "0.5")]
    [InlineData("0", "0.1", "0")]
    [InlineData("1500", "500", "1,500")]
    public void Tick_labels_show_the_decimals_the_step_needs(string amount, string step, string expected)
    {
        Assert.Equal(expected, Format.Tick(decimal.Parse(amount, CultureInfo.InvariantCulture), decimal.Parse(step, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0", "0.01")]
    [InlineData("0.7", "1")]
    [InlineData("1.2", "2")]
    [InlineData("3", "5")]
    [InlineData("37.5", "50")]
    [InlineData("100", "100")]
    public void Tick_steps_are_one_two_or_five_times_a_power_of_ten(string raw, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), DailyChartLayout.NiceStep(decimal.Parse(raw, CultureInfo.InvariantCulture)));
    }
}
