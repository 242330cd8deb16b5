namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>The Logs pages' pure rules: sorting, CSV, ranges, chart choice, view links.</summary>
public class ResultRulesTests
{
    private static readonly IReadOnlyList<string> Columns = ["name", "n"];
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 30, TimeSpan.Zero);

    private static IReadOnlyList<IReadOnlyList<string?>> Rows(params string?[][] rows) => rows;

    [Fact]
    public void Sorting_compares_numbers_as_numbers_text_ordinally_and_puts_missing_values_last_either_way()
    {
        var rows = Rows(["b", "10"], ["a", "9"], ["c", null], ["d", "1e3"]);

        Assert.Equal(["a", "b", "d", "c"], ResultSort.Apply(Columns, rows, "n", descending: false).Select(r => r[0]));
        Assert.Equal(["d", "b", "a", "c"], ResultSort.Apply(Columns, rows, "n", descending: true).Select(r => r[0]));
        Assert.Equal(["a", "b", "c", "d"], ResultSort.Apply(Columns, rows, "name", descending: false).Select(r => r[0]));
        Assert.Same(rows, ResultSort.Apply(Columns, rows, "no-such-column", descending: false));
    }

    [Fact]
    public void Sorting_is_stable_for_equal_values()
    {
        var rows = Rows(["x", "1"], ["y", "1"], ["z", "0"]);

        Assert.Equal(["x", "y", "z"], ResultSort.Apply(Columns, rows, "n", descending: true).Select(r => r[0]));
    }

    [Fact]
    public void CSV_quotes_what_needs_quoting_and_defuses_formulas_but_not_negative_numbers()
    {
        var csv = ResultCsv.Write(["a", "b"], Rows(["x,y", "say \"hi\""], ["line\nbreak", null], ["=1+1", "-42"], ["@SUM(A1)", "+x"]));

        Assert.Equal("a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",\r\n'=1+1,-42\r\n'@SUM(A1),'+x\r\n", csv);
    }

    [Fact]
    public void A_relative_range_ends_at_the_next_minute_and_start_and_end_take_precedence()
    {
        var fallback = QueryRange.TryParse("1h", out var h) ? h : null!;

        var relative = RangeRequest.Resolve("15m", null, null, fallback, Now, out _)!;
        var absolute = RangeRequest.Resolve("15m", "2026-11-20T08:00:10Z", "2026-11-20T09:30+01:00", fallback, Now, out _)!;
        var openEnded = RangeRequest.Resolve(null, "2026-11-21T09:00:00Z", "", fallback, Now, out _)!;
        var defaulted = RangeRequest.Resolve("", null, null, fallback, Now, out _)!;

        Assert.Equal(("15m", new DateTimeOffset(2026, 11, 21, 9, 46, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 10, 1, 0, TimeSpan.Zero)), (relative.Relative, relative.Start, relative.End));
        Assert.Equal((null, new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero)), (absolute.Relative, absolute.Start, absolute.End));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 1, 0, TimeSpan.Zero), openEnded.End);
        Assert.Equal("1h", defaulted.Relative);
    }

    [Theory]
    [InlineData("forever", null, null, "range must be")]
    [InlineData("31d", null, null, "at most 30d")]
    [InlineData(null, "yesterday", null, "start must be an ISO 8601 time")]
    [InlineData(null, "2026-11-21T10:00Z", "2026-11-21T09:00Z", "end must be after start")]
    public void Bad_ranges_say_what_is_wrong(string? range, string? start, string? end, string expected)
    {
        var fallback = QueryRange.TryParse("1h", out var h) ? h : null!;

        Assert.Null(RangeRequest.Resolve(range, start, end, fallback, Now, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Stats_by_bin_is_a_time_series_stacked_by_a_second_field()
    {
        var plan = ResultChartPlan.For("stats count(*) as n, avg(ms) as ms by bin(5m), level", null, ["bin(5m)", "level", "n", "ms"],
            Rows(["2026-11-21 10:00:00.000", "error", "2", "3.5"], ["2026-11-21 10:05:00.000", "warn", "1", "4"]), measure: "ms");

        Assert.Equal((ChartKind.Timeseries, "bin(5m)", "level", "ms"), (plan.Kind, plan.Axis, plan.Split, plan.Measure));
        Assert.Equal(["n", "ms"], plan.Measures);
        var series = plan.TimeSeries(["bin(5m)", "level", "n", "ms"], Rows(["2026-11-21 10:00:00.000", "error", "2", "3.5"], ["2026-11-21 10:05:00.000", "warn", "1", "4"]));
        Assert.Equal(["warn", "error"], series.Select(s => s.Name));
    }

    [Fact]
    public void Stats_by_field_is_bars_of_the_first_numeric_aggregation_largest_first()
    {
        IReadOnlyList<string> columns = ["tool", "label", "calls"];
        var rows = Rows(["search", "x", "3"], ["fetch", "y", "7"]);

        var plan = ResultChartPlan.For("stats latest(label) as label, count(*) as calls by tool", null, columns, rows, measure: null);
        var (categories, series, omitted) = plan.Bars(columns, rows);

        Assert.Equal((ChartKind.Bar, "tool", null, "calls"), (plan.Kind, plan.Axis, plan.Split, plan.Measure));
        Assert.Equal(["fetch", "search"], categories);
        Assert.Equal([7d, 3d], Assert.Single(series).Values);
        Assert.Equal(0, omitted);
    }

    [Theory]
    [InlineData("fields @message | limit 5", null)]
    [InlineData("stats count(*) as n", null)]
    [InlineData("stats count(*) as n by tool", ChartKind.Table)]
    public void Queries_without_a_grouping_or_declared_as_tables_get_no_chart(string query, ChartKind? declared)
    {
        var plan = ResultChartPlan.For(query, declared, ["tool", "n"], Rows(["a", "1"]), null);

        Assert.Equal(ChartKind.Table, plan.Kind);
    }

    [Fact]
    public void A_view_is_a_link_and_sorting_the_same_column_again_flips_the_direction()
    {
        var view = ResultView.From("n", "asc", 3, "calls");

        Assert.Equal("?sort=n&dir=asc&page=3&measure=calls", view.Query());
        Assert.Equal("?sort=n&dir=desc&measure=calls", view.SortedBy("n").Query());
        Assert.Equal("?sort=name&dir=asc&measure=calls", view.SortedBy("name").Query());
        Assert.Equal("", ResultView.From(null, null, null, "").Query());
    }
}
