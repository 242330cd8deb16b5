namespace Autri.Logs.Engine.Execution;

/// <summary>
/// bin(), datefloor() and dateceil(): fixed periods align to the Unix epoch, calendar ones to UTC months. A time
/// outside what dates can hold (any number can be passed to datefloor) has no bucket: NaN.
/// </summary>
internal static class TimeBuckets
{
    public static double Floor(double epochMilliseconds, DurationLiteral period)
    {
        if (!Value.IsTimestampInRange(epochMilliseconds)) return double.NaN;
        if (period.FixedLength is { } length)
        {
            var size = length.TotalMilliseconds;
            return Math.Floor(epochMilliseconds / size) * size;
        }
        var months = Months(period);
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(epochMilliseconds)).UtcDateTime;
        var index = (time.Year - 1970) * 12 + time.Month - 1;
        var bucket = (int)Math.Floor(index / (double)months) * months;
        return MonthStart(bucket);
    }

    public static double Ceiling(double epochMilliseconds, DurationLiteral period)
    {
        var floor = Floor(epochMilliseconds, period);
        if (double.IsNaN(floor) || floor == epochMilliseconds) return floor;
        if (period.FixedLength is { } length) return floor + length.TotalMilliseconds;
        var start = DateTimeOffset.FromUnixTimeMilliseconds((long)floor).UtcDateTime;
        return MonthStart((start.Year - 1970) * 12 + start.Month - 1 + Months(period));
    }

    private static int Months(DurationLiteral period) => Math.Max(1, period.Unit switch
    {
        DurationUnit.Month => (int)period.Amount,
        DurationUnit.Quarter => 3 * (int)period.Amount,
        _ => 12 * (int)period.Amount,
    });

    // Month index since January 1970 → epoch milliseconds of its first day; NaN past what dates hold.
    private static double MonthStart(long monthIndex)
    {
        var year = 1970 + Math.Floor(monthIndex / 12.0);
        if (year is < 1 or > 9999) return double.NaN;
        var month = (int)(monthIndex - (long)(year - 1970) * 12) + 1;
        return new DateTimeOffset(new DateTime((int)year, month, 1, 0, 0, 0, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
    }
}
