using Autri.Domain.Metrics;

namespace Autri.Domain.Tests.Metrics;

public class DailyMetricsScheduleTests
{
    private static readonly TimeOnly SixUtc = new(6, 0);
    private static readonly TimeSpan Hourly = TimeSpan.FromHours(1);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Before_the_publish_time_nothing_is_due_and_from_it_today_is()
    {
        Assert.Null(DailyMetricsSchedule.DueDay(At(4, 5, 59), SixUtc));
        Assert.Equal(new DateOnly(2026, 3, 4), DailyMetricsSchedule.DueDay(At(4, 6), SixUtc));
        Assert.Equal(new DateOnly(2026, 3, 4), DailyMetricsSchedule.DueDay(At(4, 23, 59), SixUtc));
    }

    [Fact]
    public void The_due_day_is_the_utc_date_whatever_offset_the_clock_carries()
    {
        // 01:30 on the 5th in UTC+3 is 22:30 on the 4th in UTC: the 4th is due.
        var now = new DateTimeOffset(2026, 3, 5, 1, 30, 0, TimeSpan.FromHours(3));

        Assert.Equal(new DateOnly(2026, 3, 4), DailyMetricsSchedule.DueDay(now, SixUtc));
    }

    [Fact]
    public void A_publication_reports_the_whole_day_before_it_and_its_datums_start_at_midnight_utc()
    {
        Assert.Equal(new DateOnly(2026, 2, 28), DailyMetricsSchedule.ReportedDay(new DateOnly(2026, 3, 1)));
        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), DailyMetricsSchedule.Start(new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void The_loop_wakes_at_the_publish_time_when_it_is_near_and_otherwise_once_per_interval()
    {
        Assert.Equal(TimeSpan.FromMinutes(20), DailyMetricsSchedule.Wait(At(4, 5, 40), SixUtc, Hourly));
        Assert.Equal(Hourly, DailyMetricsSchedule.Wait(At(4, 2), SixUtc, Hourly));
        Assert.Equal(Hourly, DailyMetricsSchedule.Wait(At(4, 6), SixUtc, Hourly));
        Assert.Equal(Hourly, DailyMetricsSchedule.Wait(At(4, 13), SixUtc, Hourly));
    }
}
