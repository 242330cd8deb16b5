namespace Autri.Domain.Tests.Costs;

public class CostPeriodsTests
{
    [Fact]
    public void Month_to_date_runs_from_the_first_to_today_exclusive()
    {
        var mtd = CostPeriods.MonthToDate(new DateOnly(2025, 3, 15));

        Assert.Equal(new DateRange(new(2025, 3, 1), new(2025, 3, 15)), mtd);
        Assert.Equal(14, mtd.Days);
        Assert.Equal(new DateOnly(2025, 3, 14), mtd.LastDay);
    }

    [Fact]
    public void On_the_first_of_the_month_the_month_to_date_is_empty()
    {
        var mtd = CostPeriods.MonthToDate(new DateOnly(2025, 3, 1));

        Assert.True(mtd.IsEmpty);
        Assert.Equal(0, mtd.Days);
    }

    [Fact]
    public void The_forecast_runs_from_today_to_the_first_of_next_month_across_a_year_end()
    {
        Assert.Equal(new DateRange(new(2025, 12, 31), new(2026, 1, 1)), CostPeriods.RestOfMonth(new DateOnly(2025, 12, 31)));
        Assert.Equal(new DateRange(new(2024, 2, 1), new(2024, 3, 1)), CostPeriods.RestOfMonth(new DateOnly(2024, 2, 1)));
    }

    [Theory]
    [InlineData("2025-03-31")]
    [InlineData("2025-03-01")]
    [InlineData("2024-02-29")]
    [InlineData("2025-01-31")]
    public void The_thirty_day_trend_always_covers_the_month_to_date(string today)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        var trend = CostPeriods.Trend(day);
        var mtd = CostPeriods.MonthToDate(day);

        Assert.Equal(30, trend.Days);
        Assert.Equal(day, trend.End);
        Assert.True(trend.Start <= mtd.Start);
    }

    [Fact]
    public void Dates_use_Cost_Explorers_wire_form()
    {
        Assert.Equal("2025-03-01", DateRange.Wire(new DateOnly(2025, 3, 1)));
        Assert.Equal(new DateOnly(2025, 3, 1), DateRange.ParseWire("2025-03-01"));
        Assert.Equal(new DateOnly(2025, 3, 1), DateRange.ParseWire("2025-03-01T00:00:00Z"));
    }
}
