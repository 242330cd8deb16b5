namespace Autri.Domain.Metrics;

/// <summary>
/// When the daily metrics are published: once per UTC day, at the first check at or after <c>publishAt</c> (by then
/// Cost Explorer has had the night to settle the day before). The day published is today's date; the figures it
/// carries are of the whole day before (<see cref="ReportedDay"/>) and of the month to date through that day. Which
/// instance publishes is decided in Postgres (the day's row), not here.
/// </summary>
public static class DailyMetricsSchedule
{
    /// <summary>Today's UTC date once <paramref name="now"/> has reached <paramref name="publishAt"/>, else null (nothing due yet).</summary>
    public static DateOnly? DueDay(DateTimeOffset now, TimeOnly publishAt)
    {
        var utc = now.UtcDateTime;
        return TimeOnly.FromDateTime(utc) >= publishAt ? DateOnly.FromDateTime(utc) : null;
    }

    /// <summary>The whole day whose counts and costs a publication on <paramref name="due"/> reports.</summary>
    public static DateOnly ReportedDay(DateOnly due) => due.AddDays(-1);

    /// <summary>
    /// How long to sleep: until today's <paramref name="publishAt"/> when it is still ahead, else one
    /// <paramref name="checkInterval"/> (a publication that failed, or another instance's, is looked at again then).
    /// </summary>
    public static TimeSpan Wait(DateTimeOffset now, TimeOnly publishAt, TimeSpan checkInterval)
    {
        var utc = now.UtcDateTime;
        var untilPublish = publishAt.ToTimeSpan() - utc.TimeOfDay;
        return untilPublish > TimeSpan.Zero && untilPublish < checkInterval ? untilPublish : checkInterval;
    }

    /// <summary>Midnight UTC starting <paramref name="day"/>: the timestamp of that day's datums.</summary>
    public static DateTime Start(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
