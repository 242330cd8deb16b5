namespace Autri.Domain.Tests.Costs;

public class CostForecastTests
{
    private static readonly DateRange Rest = CostPeriods.RestOfMonth(new DateOnly(2025, 3, 20));

    [Fact]
    public void The_documented_forecast_reads_its_total_and_summed_bounds()
    {
        var forecast = CostForecast.From(Rest, "74.1573326798", "USD",
        [
            new("2018-10-25", "2018-10-26", "37.0786663399", "34.9970026341", "39.1603300457"),
            new("2018-10-26", "2018-10-27", "37.0786663399", "34.9970026341", "39.1603300457"),
        ]);

        Assert.Equal(new Money(74.1573326798m, "USD"), forecast.Mean);
        Assert.Equal(69.9940052682m, forecast.LowerBound!.Value.Amount);
        Assert.Equal(78.3206600914m, forecast.UpperBound!.Value.Amount);
    }

    [Fact]
    public void Bounds_are_absent_when_AWS_sent_none()
    {
        var forecast = CostForecast.From(Rest, "10", "USD", [new("2025-03-20", "2025-04-01", "10", null, null)]);

        Assert.Null(forecast.LowerBound);
        Assert.Null(forecast.UpperBound);
    }

    [Fact]
    public void Month_end_is_month_to_date_plus_the_forecast_or_the_forecast_alone_on_the_first()
    {
        var forecast = CostForecast.From(Rest, "10", "USD", []);

        Assert.Equal(new Money(35m, "USD"), forecast.MonthEnd(new Money(25m, "USD")));
        Assert.Equal(new Money(10m, "USD"), forecast.MonthEnd(null));
        Assert.Null(forecast.MonthEnd(new Money(25m, "EUR")));
    }
}
