using Autri.Logs.Engine.Parsing;

namespace Autri.Logs.Engine.Execution;

/// <summary>bin(), datefloor() and dateceil(): fixed periods align to the Unix epoch, calendar ones to UTC months.</summary>
internal static class TimeBuckets
{
    public static double Floor(double epochMilliseconds, DurationLiteral period)
    {
        if (period.FixedLength is { } length)
        {
            var size = length.TotalMilliseconds;
            return Math.Floor(epochMilliseconds / size) * size;
        }
        var months = period.Unit switch
        {
            DurationUnit.Month => (int)period.Amount,
            DurationUnit.Quarter => 3 * (int)period.Amount,
            _ => 12 * (int)period.Amount,
        };
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(epochMilliseconds)).UtcDateTime;
        var index = (time.Year - 1970) * 12 + time.Month - 1;
        var bucket = (int)Math.Floor(index / (double)Math.Max(1, months)) * Math.Max(1, months);
        var start = new DateTime(1970 + bucket / 12, bucket % 12 + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return new DateTimeOffset(start).ToUnixTimeMilliseconds();
    }

    public static double Ceiling(double epochMilliseconds, DurationLiteral period)
    {
        var floor = Floor(epochMilliseconds, period);
        if (floor == epochMilliseconds) return floor;
        if (period.FixedLength is { } length) return floor + length.TotalMilliseconds;
        // The next calendar boundary: floor of a time just past this bucket's end.
        var probe = floor;
        while (Floor(probe, period) == floor) probe += TimeSpan.FromDays(27).TotalMilliseconds;
        return Floor(probe, period);
    }
}
