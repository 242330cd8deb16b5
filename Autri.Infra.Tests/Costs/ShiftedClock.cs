namespace Autri.Infra.Tests.Costs;

/// <summary>
/// The system clock moved to a chosen instant, then advanced by hand. Only "now" is shifted: timers and delays
/// (retry backoff, timeouts) still run in real time. The AWS fake keeps the real time (SigV4 signs with the real
/// clock), so tests move into the future, never the past: GetCostForecast refuses a start before the fake's today.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;

    /// <summary>A day of next month at an hour (UTC): always in the future, and the same day of the month on every run.</summary>
    public static ShiftedClock NextMonth(int day, int hour)
    {
        var now = System.GetUtcNow();
        var first = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        return new ShiftedClock(first.AddDays(day - 1).AddHours(hour));
    }

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);
}
