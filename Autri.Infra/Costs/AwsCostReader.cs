namespace Autri.Infra.Costs;

/// <summary>
/// The Costs page's data in AWS mode: Cost Explorer and Budgets through <see cref="CostCache"/>, turned into the
/// domain's views. A page view costs nothing while the cache is fresh; each miss costs one request per page of
/// Cost Explorer's answer (USD 0.01 each) plus one forecast request.
/// </summary>
public sealed class AwsCostReader(ICostExplorerClient ce, IBudgetsClient budgets, CostCache cache, IOptions<AwsOptions> aws, TimeProvider time)
{
    /// <summary>A bound on pages of one answer: a runaway NextPageToken must not turn into a bill.</summary>
    private const int MaxPages = 20;

    public CostViews Views() => new(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), aws.Value.AccountId is { Length: > 0 } a ? a : null);

    public async Task<CostReport> LoadAsync(CancellationToken ct)
    {
        var views = Views();
        var usage = cache.GetAsync(views.UsageKey, c => FetchUsageAsync(views, c), ct);
        var forecast = cache.GetAsync(views.ForecastKey, c => FetchForecastAsync(views, c), ct);
        var budgetList = views.BudgetsKey is { } key ? cache.GetAsync(key, c => FetchBudgetsAsync(views.AccountId!, c), ct) : null;
        await Task.WhenAll(new Task[] { usage, forecast, budgetList ?? Task.CompletedTask });
        return Report(views, await usage, await forecast, budgetList is null ? null : await budgetList);
    }

    /// <summary>
    /// The usage view alone (month to date and the daily trend, per cost bucket), through the same cache entry the
    /// page reads: the daily metrics publication costs no Cost Explorer call the page would not make that day.
    /// </summary>
    public async Task<CostSection<CostBreakdown>> UsageAsync(CancellationToken ct)
    {
        var views = Views();
        return Section(await cache.GetAsync(views.UsageKey, c => FetchUsageAsync(views, c), ct), p => AwsCostMapping.ToBreakdown(p, views));
    }

    /// <summary>An admin's refresh of every view of today, each at most once per the minimum interval.</summary>
    public async Task<RefreshSummary> RefreshAsync(CancellationToken ct)
    {
        var views = Views();
        var outcomes = new List<(RefreshOutcome Outcome, DateTimeOffset? Next)>
        {
            Outcome(await cache.RefreshAsync(views.UsageKey, c => FetchUsageAsync(views, c), ct)),
            Outcome(await cache.RefreshAsync(views.ForecastKey, c => FetchForecastAsync(views, c), ct)),
        };
        if (views.BudgetsKey is { } key) outcomes.Add(Outcome(await cache.RefreshAsync(key, c => FetchBudgetsAsync(views.AccountId!, c), ct)));
        return new RefreshSummary(
            outcomes.Count(o => o.Outcome == RefreshOutcome.Refreshed),
            outcomes.Count(o => o.Outcome == RefreshOutcome.TooSoon),
            outcomes.Count(o => o.Outcome == RefreshOutcome.Failed),
            outcomes.Max(o => o.Next));

        static (RefreshOutcome, DateTimeOffset?) Outcome<T>(RefreshResult<T> r) where T : class => (r.Outcome, r.NextAllowedAt);
    }

    private CostReport Report(CostViews views, Cached<UsagePayload> usage, Cached<ForecastPayload> forecast, Cached<BudgetsPayload>? budgetList)
    {
        var policy = cache.Policy;
        var next = new[] { Next(usage), Next(forecast), budgetList is null ? null : Next(budgetList) }.Where(t => t is not null).Max();
        return new CostReport(
            views.Today,
            Section(usage, p => AwsCostMapping.ToBreakdown(p, views)),
            Section(forecast, p => AwsCostMapping.ToForecast(p, views)),
            budgetList is null ? null : Section(budgetList, p => AwsCostMapping.ToBudgets(p, time.GetUtcNow())),
            next,
            policy);

        DateTimeOffset? Next<T>(Cached<T> c) where T : class => policy.NextManualRefresh(c.FetchedAt, c.Error?.At);
    }

    private static CostSection<TView> Section<TPayload, TView>(Cached<TPayload> cached, Func<TPayload, TView> map) where TPayload : class where TView : class =>
        new(cached.Value is null ? null : map(cached.Value), cached.FetchedAt, cached.Error);

    private async Task<UsagePayload> FetchUsageAsync(CostViews views, CancellationToken ct)
    {
        var pages = new List<GetCostAndUsageResponse>();
        string? token = null;
        do
        {
            if (pages.Count == MaxPages)
                throw new InvalidOperationException($"GetCostAndUsage answered more than {MaxPages} pages; stopped to bound the cost of looking");
            var page = await ce.GetCostAndUsageAsync(views.Usage(token), ct);
            pages.Add(page);
            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);
        return new UsagePayload(pages);
    }

    private async Task<ForecastPayload> FetchForecastAsync(CostViews views, CancellationToken ct)
    {
        try
        {
            return new ForecastPayload(await ce.GetCostForecastAsync(views.Forecast(), ct), null);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "DataUnavailableException")
        {
            // Not a failure: a young account has no forecast yet. Cached like an answer so it is not asked per view.
            return new ForecastPayload(null, ex.Message);
        }
    }

    private async Task<BudgetsPayload> FetchBudgetsAsync(string accountId, CancellationToken ct)
    {
        var all = new List<Budget>();
        string? token = null;
        do
        {
            var page = await budgets.DescribeBudgetsAsync(new() { AccountId = accountId, NextToken = token }, ct);
            all.AddRange(page.Budgets ?? []);
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null && all.Count < 1000);

        var result = new List<BudgetWithNotifications>();
        foreach (var b in all.Where(b => b.BudgetName is not null))
        {
            var notes = new List<Notification>();
            string? next = null;
            do
            {
                var page = await budgets.DescribeNotificationsForBudgetAsync(new() { AccountId = accountId, BudgetName = b.BudgetName!, NextToken = next }, ct);
                notes.AddRange(page.Notifications ?? []);
                next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (next is not null && notes.Count < 1000);
            result.Add(new BudgetWithNotifications(b, notes));
        }
        return new BudgetsPayload(result);
    }
}
