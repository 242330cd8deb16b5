using Autri.Portal.Features.Ops.Charts;

namespace Autri.Portal.Features.Ops.Logs;

/// <summary>
/// Which chart a result gets, read from the query's last <c>stats</c>: <c>by bin(…)</c> → a time series (stacked
/// by a second group-by field when there is one), <c>by field</c> → bars (stacked by a second field). The measure
/// is the chosen aggregation, else the first one whose values are all numbers. A saved query declared
/// <c>chart: table</c> gets none.
/// </summary>
public sealed record ResultChartPlan(
    ChartKind Kind,
    string? Axis,
    string? Split,
    string? Measure,
    IReadOnlyList<string> Measures)
{
    public const int MaxSeries = 8;
    public const int MaxBars = 25;

    public static readonly ResultChartPlan None = new(ChartKind.Table, null, null, null, []);

    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:ssZ"];

    public static ResultChartPlan For(string queryText, ChartKind? declared, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows, string? measure)
    {
        if (declared == ChartKind.Table || rows.Count == 0) return None;
        LogsQuery query;
        try { query = LogsQuery.Parse(queryText); }
        catch (LogsQuerySyntaxError) { return None; }
        if (query.Commands.OfType<StatsCommand>().LastOrDefault() is not { GroupBy.Count: > 0 } stats) return None;

        var measures = stats.Aggregations.Select(a => a.OutputName)
            .Where(name => ResultSort.IndexOf(columns, name) is var i and >= 0 && rows.All(r => r[i] is null || IsNumber(r[i]!)))
            .ToList();
        if (measures.Count == 0) return None;
        var chosen = measure is not null && measures.Contains(measure) ? measure : measures[0];

        var bin = stats.GroupBy.FirstOrDefault(g => g.Expression is CallExpression { Name: "bin" });
        var others = stats.GroupBy.Where(g => g != bin).Select(g => g.OutputName).Where(c => ResultSort.IndexOf(columns, c) >= 0).ToList();
        if (bin is not null)
        {
            var time = bin.OutputName;
            if (ResultSort.IndexOf(columns, time) is var t and >= 0 && rows.All(r => r[t] is null || TryTime(r[t], out _)))
                return new ResultChartPlan(ChartKind.Timeseries, time, others.FirstOrDefault(), chosen, measures);
            return None;
        }
        return new ResultChartPlan(ChartKind.Bar, others[0], others.ElementAtOrDefault(1), chosen, measures);
    }

    /// <summary>The series of a time-series plan: one per split value (the largest <see cref="MaxSeries"/>, the rest summed as "other").</summary>
    public IReadOnlyList<TimeSeries> TimeSeries(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var (t, v, s) = (ResultSort.IndexOf(columns, Axis!), ResultSort.IndexOf(columns, Measure!), Split is null ? -1 : ResultSort.IndexOf(columns, Split));
        var points = rows
            .Where(r => r[v] is not null && TryTime(r[t], out _))
            .Select(r => (Series: s < 0 ? Measure! : r[s] ?? "(none)", Time: ParseTime(r[t]!), Value: Number(r[v]!)))
            .ToList();
        var kept = TopNames(points.Select(p => (p.Series, p.Value)), MaxSeries);
        return points
            .GroupBy(p => kept.Contains(p.Series) ? p.Series : "other")
            .OrderBy(g => g.Key == "other" ? int.MaxValue : kept.IndexOf(g.Key))
            .Select(g => new TimeSeries(g.Key, g.GroupBy(p => p.Time).Select(x => new TimePoint(x.Key, x.Sum(p => p.Value))).OrderBy(p => p.Time).ToList()))
            .ToList();
    }

    /// <summary>The categories and series of a bar plan: the <see cref="MaxBars"/> largest categories.</summary>
    public (IReadOnlyList<string> Categories, IReadOnlyList<BarSeries> Series, int Omitted) Bars(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var (c, v, s) = (ResultSort.IndexOf(columns, Axis!), ResultSort.IndexOf(columns, Measure!), Split is null ? -1 : ResultSort.IndexOf(columns, Split));
        var cells = rows.Where(r => r[v] is not null)
            .Select(r => (Category: r[c] ?? "(none)", Series: s < 0 ? Measure! : r[s] ?? "(none)", Value: Number(r[v]!)))
            .ToList();
        var allCategories = TopNames(cells.Select(x => (x.Category, x.Value)), int.MaxValue);
        var categories = allCategories.Take(MaxBars).ToList();
        var seriesNames = TopNames(cells.Select(x => (x.Series, x.Value)), MaxSeries);
        var series = seriesNames
            .Select(name => new BarSeries(name, categories.Select(cat => cells.Where(x => x.Category == cat && x.Series == name).Sum(x => x.Value)).ToList()))
            .ToList();
        if (cells.Select(x => x.Series).Distinct().Count() > seriesNames.Count)
            series.Add(new BarSeries("other", categories.Select(cat => cells.Where(x => x.Category == cat && !seriesNames.Contains(x.Series)).Sum(x => x.Value)).ToList()));
        return (categories, series, allCategories.Count - categories.Count);
    }

    public static bool TryTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static DateTimeOffset ParseTime(string text) => TryTime(text, out var t) ? t : default;

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    /// <summary>Names by descending total, at most <paramref name="max"/>.</summary>
    private static List<string> TopNames(IEnumerable<(string Name, double Value)> values, int max) =>
        values.GroupBy(x => x.Name).OrderByDescending(g => g.Sum(x => Math.Abs(x.Value))).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(max).Select(g => g.Key).ToList();
}
