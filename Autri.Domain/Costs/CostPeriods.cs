namespace Autri.Domain.Costs;

/// <summary>
/// The periods the Costs page asks Cost Explorer about, from today's UTC date (Cost Explorer's days are UTC).
/// Actual costs stop before today (End is exclusive) because today's are incomplete; the forecast starts
/// today because GetCostForecast refuses a start in the past.
/// </summary>
public static class CostPeriods
{
    public const int TrendDays = 30;

    /// <summary>[first of the month, today): empty on the 1st, when no whole day of the month has passed.</summary>
    public static DateRange MonthToDate(DateOnly today) => new(FirstOfMonth(today), today);

    /// <summary>The last <see cref="TrendDays"/> whole days, [today - 30, today). Always covers the month to date.</summary>
    public static DateRange Trend(DateOnly today) => new(today.AddDays(-TrendDays), today);

    /// <summary>[today, first of next month): the rest of the month, today included.</summary>
    public static DateRange RestOfMonth(DateOnly today) => new(today, FirstOfMonth(today).AddMonths(1));

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
