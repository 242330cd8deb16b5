namespace Autri.Domain.Costs;

/// <summary>One ForecastResultsByTime entry of a GetCostForecast answer, strings as sent.</summary>
public sealed record ForecastInterval(string Start, string End, string? Mean, string? LowerBound, string? UpperBound);

/// <summary>
/// Cost Explorer's forecast for the rest of the month (today to the first of next month) and the month-end
/// figure it implies: month to date (actual, up to yesterday) plus the forecast.
/// </summary>
public sealed record CostForecast(DateRange Period, Money Mean, Money? LowerBound, Money? UpperBound)
{
    /// <summary>From the answer's Total and its intervals (bounds are summed; missing when AWS sent none).</summary>
    public static CostForecast From(DateRange period, string totalAmount, string totalUnit, IReadOnlyList<ForecastInterval> intervals)
    {
        var mean = Money.Parse(totalAmount, totalUnit);
        return new CostForecast(period, mean, SumOrNull(intervals.Select(i => i.LowerBound), totalUnit), SumOrNull(intervals.Select(i => i.UpperBound), totalUnit));
    }

    /// <summary>Month to date plus the forecast; the forecast alone when nothing has been spent yet this month.</summary>
    public Money? MonthEnd(Money? monthToDate) => monthToDate switch
    {
        null => Mean,
        { } m when m.Unit == Mean.Unit => m.Plus(Mean),
        _ => null,
    };

    private static Money? SumOrNull(IEnumerable<string?> amounts, string unit)
    {
        var list = amounts.ToList();
        if (list.Count == 0 || list.Any(a => a is null)) return null;
        return list.Aggregate(Money.Zero(unit), (sum, a) => sum.Plus(Money.Parse(a!, unit)));
    }
}
