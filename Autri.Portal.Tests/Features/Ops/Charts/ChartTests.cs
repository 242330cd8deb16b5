using Autri.Portal.Features.Ops.Charts;

namespace Autri.Portal.Tests.Features.Ops.Charts;

public class ChartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static TimeSeries Series(string name, params double[] values) =>
        new(name, values.Select((v, i) => new TimePoint(T0.AddMinutes(5 * i), v)).ToList());

    private static Task<IDocument> TimeSeriesAsync(IReadOnlyList<TimeSeries> series, bool stacked = false, Func<double, string>? format = null) =>
        StaticRender.RenderAsync<TimeSeriesChart>(new Dictionary<string, object?>
        {
            ["Id"] = "errors",
            ["Title"] = "Errors per 5 minutes",
            ["YLabel"] = "Errors",
            ["Series"] = series,
            ["Stacked"] = stacked,
            ["Format"] = format,
        });

    private static Task<IDocument> BarsAsync(IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, bool stacked = false, BarOrientation orientation = BarOrientation.Horizontal) =>
        StaticRender.RenderAsync<BarChart>(new Dictionary<string, object?>
        {
            ["Id"] = "calls",
            ["Title"] = "Calls per tool",
            ["CategoryLabel"] = "Tool",
            ["ValueLabel"] = "Calls",
            ["Categories"] = categories,
            ["Series"] = series,
            ["Stacked"] = stacked,
            ["Orientation"] = orientation,
        });

    private static IElement Svg(IDocument doc) => doc.QuerySelector("figure#errors svg, figure#calls svg") ?? throw new InvalidOperationException("no svg");

    [Fact]
    public async Task A_time_series_is_an_image_named_by_its_title_and_described_by_a_summary()
    {
        var doc = await TimeSeriesAsync([Series("errors", 2, 5, 1)]);

        var svg = Svg(doc);
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("errors-title errors-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("Errors per 5 minutes", svg.QuerySelector("title#errors-title")!.TextContent);
        var desc = svg.QuerySelector("desc#errors-desc")!.TextContent;
        Assert.Contains("Line chart of Errors over time", desc);
        Assert.Contains("from 2026-11-21 10:00 to 2026-11-21 10:10 UTC", desc);
        Assert.Contains("highest 5 at 2026-11-21 10:05", desc);
    }

    [Fact]
    public async Task A_time_series_has_labelled_axes_with_round_ticks()
    {
        var doc = await TimeSeriesAsync([Series("errors", 2, 5, 1)]);

        var texts = Svg(doc).QuerySelectorAll("text").Select(t => t.TextContent).ToList();
        Assert.Contains("Time (UTC)", texts);
        Assert.Contains("Errors", texts);
        Assert.Equal(["0", "2", "4", "6"], Svg(doc).QuerySelectorAll(".chart-y-axis text").Select(t => t.TextContent));
        Assert.Equal(["10:00", "10:05", "10:10"], Svg(doc).QuerySelectorAll(".chart-x-axis text").Select(t => t.TextContent));
    }

    [Fact]
    public async Task Each_series_is_a_line_with_a_point_per_value_and_several_series_get_a_legend()
    {
        var doc = await TimeSeriesAsync([Series("portal", 1, 2, 3), Series("mcp", 3, 2)]);

        var groups = Svg(doc).QuerySelectorAll("g.chart-series");
        Assert.Equal(["portal", "mcp"], groups.Select(g => g.GetAttribute("data-series")));
        Assert.Equal(3, groups[0].QuerySelectorAll("polyline").Single().GetAttribute("points")!.Split(' ').Length);
        Assert.Equal(2, groups[1].QuerySelectorAll("circle").Length);
        Assert.Equal("portal at 10:05: 2", groups[0].QuerySelectorAll("circle title")[1].TextContent);
        Assert.NotEqual(groups[0].QuerySelector("polyline")!.GetAttribute("stroke"), groups[1].QuerySelector("polyline")!.GetAttribute("stroke"));
        Assert.Equal(["portal", "mcp"], doc.QuerySelectorAll("ul.chart-legend li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task A_stacked_time_series_draws_bands_and_its_axis_reaches_the_highest_total()
    {
        var doc = await TimeSeriesAsync([Series("error", 4, 4, 4), Series("fatal", 3, 0, 1)], stacked: true);

        Assert.Equal(2, Svg(doc).QuerySelectorAll("g.chart-series path").Length);
        Assert.Empty(Svg(doc).QuerySelectorAll("polyline"));
        Assert.Equal("8", Svg(doc).QuerySelectorAll(".chart-y-axis text").Last().TextContent);
        Assert.Contains("Stacked area chart", Svg(doc).QuerySelector("desc")!.TextContent);
        var firstRow = doc.QuerySelectorAll("details.chart-table tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent);
        Assert.Equal(["4", "3", "7"], firstRow);
    }

    [Fact]
    public async Task The_data_is_also_a_table_with_a_header_per_series_and_a_row_per_time()
    {
        var doc = await TimeSeriesAsync([Series("portal", 1, 2), Series("mcp", 5)], format: v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));

        var table = doc.QuerySelector("figure#errors details table")!;
        Assert.Equal(["Time (UTC)", "portal", "mcp"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Equal("2026-11-21 10:05:00", rows[1].QuerySelector("th time")!.TextContent);
        Assert.Equal(["2.0", ""], rows[1].QuerySelectorAll("td").Select(td => td.TextContent));
    }

    [Fact]
    public async Task No_points_says_so_instead_of_drawing_an_empty_chart()
    {
        var doc = await TimeSeriesAsync([new TimeSeries("errors", [])]);

        Assert.Null(doc.QuerySelector("svg"));
        Assert.Contains("No data to chart", doc.QuerySelector("figure")!.TextContent);
    }

    [Fact]
    public async Task A_bar_chart_has_one_bar_per_category_with_its_value_as_a_tooltip_and_full_labels()
    {
        var tool = "a-very-long-tool-name-that-does-not-fit-the-axis";
        var doc = await BarsAsync(["search", tool], [new BarSeries("calls", [120, 30])]);

        var svg = Svg(doc);
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("Calls per tool", svg.QuerySelector("title#calls-title")!.TextContent);
        Assert.Contains("Bar chart of Calls by Tool, 2 categories; highest: search with 120", svg.QuerySelector("desc#calls-desc")!.TextContent);
        var bars = svg.QuerySelectorAll("rect.chart-bar");
        Assert.Equal(["search: 120", tool + ": 30"], bars.Select(b => b.QuerySelector("title")!.TextContent));
        Assert.True(double.Parse(bars[0].GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)
            > 3 * double.Parse(bars[1].GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture));
        var labels = svg.QuerySelectorAll(".chart-category-axis text");
        Assert.EndsWith("…", labels[1].ChildNodes[0].TextContent);
        Assert.Equal(tool, labels[1].QuerySelector("title")!.TextContent);
        Assert.Contains("Calls", svg.QuerySelectorAll(".chart-axis-labels text").Select(t => t.TextContent));
        Assert.Contains("Tool", svg.QuerySelectorAll(".chart-axis-labels text").Select(t => t.TextContent));
    }

    [Fact]
    public async Task Stacked_bars_put_each_series_on_top_of_the_previous_and_the_table_shows_totals()
    {
        var doc = await BarsAsync(["Jan", "Feb"], [new BarSeries("compute", [10, 20]), new BarSeries("data", [5, 5])], stacked: true, orientation: BarOrientation.Vertical);

        var compute = Svg(doc).QuerySelectorAll("g.chart-series")[0].QuerySelectorAll("rect");
        var data = Svg(doc).QuerySelectorAll("g.chart-series")[1].QuerySelectorAll("rect");
        static double Y(IElement e, string a) => double.Parse(e.GetAttribute(a)!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Y(compute[0], "y"), Y(data[0], "y") + Y(data[0], "height"), precision: 0);
        Assert.Equal(Y(compute[0], "x"), Y(data[0], "x"));
        Assert.Equal(new[] { "compute", "data", "Total" }, doc.QuerySelectorAll("details thead th").Skip(1).Select(th => th.TextContent));
        Assert.Equal(["20", "5", "25"], doc.QuerySelectorAll("details tbody tr")[1].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(["Jan", "Feb"], Svg(doc).QuerySelectorAll(".chart-category-axis text").Select(t => t.ChildNodes[0].TextContent));
    }

    [Fact]
    public async Task Grouped_bars_sit_side_by_side_within_their_category()
    {
        var doc = await BarsAsync(["search"], [new BarSeries("p50", [10]), new BarSeries("p95", [40])]);

        var rects = Svg(doc).QuerySelectorAll("rect.chart-bar");
        Assert.Equal(2, rects.Length);
        Assert.NotEqual(rects[0].GetAttribute("y"), rects[1].GetAttribute("y"));
        Assert.Equal("search, p95: 40", rects[1].QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void Nice_scales_use_round_steps_and_include_zero()
    {
        Assert.Equal([0, 20, 40, 60, 80, 100, 120], NiceScale.For(3, 118, maxTicks: 7).Ticks);
        Assert.Equal([0, 0.5, 1], NiceScale.For(0, 0.9, maxTicks: 3).Ticks);
        Assert.Equal([-10, -5, 0, 5], NiceScale.For(-7, 4, maxTicks: 4).Ticks);
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], NiceScale.For(0, 0, maxTicks: 5).Ticks);
    }

    [Fact]
    public void Time_axes_pick_round_steps_and_label_as_precisely_as_needed()
    {
        var day = TimeAxis.For(T0, T0.AddHours(6));
        var week = TimeAxis.For(T0, T0.AddDays(7));
        var year = TimeAxis.For(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(["10:00", "12:00", "14:00", "16:00"], day.Ticks.Select(day.Label));
        Assert.Equal(["Nov 23", "Nov 25", "Nov 27"], week.Ticks.Select(week.Label));
        Assert.Equal(["Jan 2026", "Apr 2026", "Jul 2026", "Oct 2026"], year.Ticks.Select(year.Label));
    }

    [Fact]
    public void Compact_numbers_read_short()
    {
        Assert.Equal(["950", "15k", "2.25M", "0.004", "0", "-1.5"], new[] { 950, 15_000, 2_250_000, 0.004, 0, -1.5 }.Select(ChartFormat.Compact));
    }
}
