namespace Autri.Portal.Features.Ops.Charts;

/// <summary>
/// The time axis: [Start, End] in UTC with ticks at round times (minutes, hours, days or months, whichever gives
/// at most the asked number) labelled only as precisely as the step needs.
/// </summary>
public sealed record TimeAxis(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<DateTimeOffset> Ticks, string LabelFormat)
{
    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7), TimeSpan.FromDays(14),
    ];

    /// <param name="start">The first point's time.</param>
    /// <param name="end">The last point's time (a single point gets an hour either side).</param>
    public static TimeAxis For(DateTimeOffset start, DateTimeOffset end, int maxTicks = 6)
    {
        start = start.ToUniversalTime();
        end = end.ToUniversalTime();
        if (end <= start) (start, end) = (start.AddHours(-1), start.AddHours(1));
        var span = end - start;
        if (span > TimeSpan.FromDays(90)) return Monthly(start, end, maxTicks);

        var step = Steps.FirstOrDefault(s => span.Ticks / s.Ticks + 1 <= maxTicks, Steps[^1]);
        var ticks = new List<DateTimeOffset>();
        for (var t = new DateTimeOffset((start.UtcTicks + step.Ticks - 1) / step.Ticks * step.Ticks, TimeSpan.Zero); t <= end; t += step) ticks.Add(t);
        var format = step >= TimeSpan.FromDays(1) ? "MMM d"
            : span > TimeSpan.FromDays(1) || start.Date != end.Date ? "MMM d HH:mm"
            : step >= TimeSpan.FromMinutes(1) ? "HH:mm" : "HH:mm:ss";
        return new TimeAxis(start, end, ticks, format);
    }

    public double Map(DateTimeOffset time, double from, double to) =>
        from + (time - Start).Ticks / (double)(End - Start).Ticks * (to - from);

    public string Label(DateTimeOffset time) => time.ToUniversalTime().ToString(LabelFormat, CultureInfo.InvariantCulture);

    private static TimeAxis Monthly(DateTimeOffset start, DateTimeOffset end, int maxTicks)
    {
        var months = (end.Year - start.Year) * 12 + end.Month - start.Month + 1;
        var every = new[] { 1, 2, 3, 6, 12, 24 }.FirstOrDefault(m => months / m + 1 <= maxTicks, 24);
        var first = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero);
        if (first < start) first = first.AddMonths(1);
        var ticks = new List<DateTimeOffset>();
        for (var t = first; t <= end; t = t.AddMonths(every)) ticks.Add(t);
        return new TimeAxis(start, end, ticks, "MMM yyyy");
    }
}
