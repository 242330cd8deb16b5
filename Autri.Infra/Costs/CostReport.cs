namespace Autri.Infra.Costs;

/// <summary>One part of the Costs page: its data (null when never fetched), as of when, and a newer failure if any.</summary>
public sealed record CostSection<T>(T? Data, DateTimeOffset? AsOf, CacheError? Error) where T : class
{
    public bool HasData => Data is not null;

    /// <summary>The data shown is older than a failed attempt: the page shows a banner with the error.</summary>
    public bool IsStale => HasData && Error is not null;
}

/// <summary>A forecast, or Cost Explorer's reason for having none (not enough history).</summary>
public sealed record ForecastView(CostForecast? Forecast, string? Unavailable);

/// <summary>Everything the Costs page shows in AWS mode.</summary>
public sealed record CostReport(
    DateOnly Today,
    CostSection<CostBreakdown> Usage,
    CostSection<ForecastView> Forecast,
    CostSection<IReadOnlyList<BudgetStatus>>? Budgets,
    DateTimeOffset? NextRefreshAt,
    CachePolicy Policy)
{
    /// <summary>The oldest data on the page, for the "as of" line.</summary>
    public DateTimeOffset? AsOf => new[] { Usage.AsOf, Forecast.AsOf, Budgets?.AsOf }.Where(t => t is not null).Min();

    public bool BudgetsConfigured => Budgets is not null;
}

/// <summary>The outcome of an admin's refresh of every view on the page.</summary>
public sealed record RefreshSummary(int Refreshed, int TooSoon, int Failed, DateTimeOffset? NextAllowedAt)
{
    public bool NothingRefreshed => Refreshed == 0 && Failed == 0;
}
