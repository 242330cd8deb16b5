namespace Autri.Portal.Features.Ops.Costs;

/// <summary>
/// Geometry of the stacked daily chart, in SVG user units: one slot per day of the period (a day missing from
/// the answer leaves a gap rather than an invented zero), bars stacked in bucket order, a y scale with round ticks.
/// Negative amounts (credits) are not drawn; the table lists them.
/// </summary>
public sealed class DailyChartLayout
{
    public const double Width = 720, Height = 300, Left = 64, Right = 12, Top = 16, Bottom = 44;

    public DailyChartLayout(IReadOnlyList<DailyCost> days, DateRange period)
    {
        Period = period;
        var max = days.Select(d => d.Buckets.Where(b => b.Amount.Amount > 0m).Sum(b => b.Amount.Amount)).DefaultIfEmpty(0m).Max();
        Step = NiceStep(max / 4m);
        ScaleMax = max <= 0m ? Step * 4m : Math.Ceiling(max / Step) * Step;
        Ticks = Enumerable.Range(0, (int)(ScaleMax / Step) + 1).Select(i => i * Step).ToList();
        Bars = days.Where(d => period.Contains(d.Day)).Select(Bar).ToList();
    }

    public DateRange Period { get; }

    public decimal Step { get; }

    public decimal ScaleMax { get; }

    public IReadOnlyList<decimal> Ticks { get; }

    public IReadOnlyList<ChartBar> Bars { get; }

    public static double PlotWidth => Width - Left - Right;

    public static double PlotHeight => Height - Top - Bottom;

    public double SlotWidth => PlotWidth / Math.Max(1, Period.Days);

    public double BarWidth => SlotWidth * 0.7;

    public double SlotX(DateOnly day) => Left + (day.DayNumber - Period.Start.DayNumber) * SlotWidth;

    public double Y(decimal amount) => Top + PlotHeight - (double)(amount / ScaleMax) * PlotHeight;

    /// <summary>Days that get an x-axis label: every fifth from the start, so labels never overlap.</summary>
    public IEnumerable<DateOnly> LabelledDays() =>
        Enumerable.Range(0, Period.Days).Where(i => i % 5 == 0).Select(i => Period.Start.AddDays(i));

    /// <summary>1, 2 or 5 times a power of ten, at least the given raw step (0.01 at the smallest).</summary>
    public static decimal NiceStep(decimal raw)
    {
        if (raw <= 0.01m) return 0.01m;
        var magnitude = 0.01m;
        while (magnitude * 10m <= raw) magnitude *= 10m;
        foreach (var f in new[] { 1m, 2m, 5m, 10m })
            if (magnitude * f >= raw) return Normalize(magnitude * f);
        return Normalize(magnitude * 10m);
    }

    /// <summary>2.00m → 2m, so tick labels and attributes carry no trailing zeros from the scale arithmetic.</summary>
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private ChartBar Bar(DailyCost day)
    {
        var x = SlotX(day.Day) + (SlotWidth - BarWidth) / 2;
        var segments = new List<ChartSegment>();
        var bottom = 0m;
        foreach (var b in day.Buckets.Where(b => b.Amount.Amount > 0m))
        {
            var top = bottom + b.Amount.Amount;
            segments.Add(new ChartSegment(b, x, Y(top), BarWidth, Y(bottom) - Y(top)));
            bottom = top;
        }
        return new ChartBar(day, x, BarWidth, segments, Y(bottom));
    }
}

public sealed record ChartSegment(BucketAmount Amount, double X, double Y, double Width, double Height);

/// <summary>One day's bar: its segments bottom-up, and the y of its top (for the estimate overlay).</summary>
public sealed record ChartBar(DailyCost Day, double X, double Width, IReadOnlyList<ChartSegment> Segments, double TopY);
