namespace Autri.Infra.Costs;

/// <summary>
/// The AWS requests behind the Costs page on a given UTC day, and their cache keys. One GetCostAndUsage (daily,
/// grouped by the cost-bucket tag and by service, over the 30-day trend that covers the month to date) gives the
/// trend and both month-to-date tables; one GetCostForecast gives the rest of the month.
/// </summary>
public sealed record CostViews(DateOnly Today, string? AccountId)
{
    public const string UsageView = "ce-daily-by-bucket-and-service";
    public const string ForecastView = "ce-forecast-rest-of-month";
    public const string BudgetsView = "budgets-with-notifications";
    public const string Metric = "UnblendedCost";
    public const string ForecastMetric = "UNBLENDED_COST";
    public const int PredictionIntervalLevel = 80;

    public DateRange Trend => CostPeriods.Trend(Today);

    public DateRange RestOfMonth => CostPeriods.RestOfMonth(Today);

    public GetCostAndUsageRequest Usage(string? nextPageToken = null) => new()
    {
        TimePeriod = new() { Start = DateRange.Wire(Trend.Start), End = DateRange.Wire(Trend.End) },
        Granularity = "DAILY",
        Metrics = [Metric],
        GroupBy =
        [
            new() { Type = UsageGrouping.ByCostBucket.Type, Key = UsageGrouping.ByCostBucket.Key },
            new() { Type = UsageGrouping.ByService.Type, Key = UsageGrouping.ByService.Key },
        ],
        NextPageToken = nextPageToken,
    };

    public GetCostForecastRequest Forecast() => new()
    {
        TimePeriod = new() { Start = DateRange.Wire(RestOfMonth.Start), End = DateRange.Wire(RestOfMonth.End) },
        Metric = ForecastMetric,
        Granularity = "MONTHLY",
        PredictionIntervalLevel = PredictionIntervalLevel,
    };

    public CacheKey UsageKey => CacheKey.For(UsageView, Usage());

    public CacheKey ForecastKey => CacheKey.For(ForecastView, Forecast());

    /// <summary>Null when Aws:AccountId is not configured (Budgets calls must name the account).</summary>
    public CacheKey? BudgetsKey => AccountId is null ? null : CacheKey.For(BudgetsView, new { AccountId });

    public IEnumerable<CacheKey> Keys => BudgetsKey is { } b ? [UsageKey, ForecastKey, b] : [UsageKey, ForecastKey];
}
