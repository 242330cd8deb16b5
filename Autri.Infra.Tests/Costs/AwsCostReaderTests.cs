using Autri.Domain.Costs;
using Autri.Testing.Aws;

namespace Autri.Infra.Tests.Costs;

/// <summary>The Costs page's reader against the strict AWS fake and a real Postgres cache.</summary>
public sealed class AwsCostReaderTests : IAsyncLifetime
{
    private const string UsageTarget = "AWSInsightsIndexService.GetCostAndUsage";
    private const string ForecastTarget = "AWSInsightsIndexService.GetCostForecast";
    private const string BudgetsTarget = "AWSBudgetServiceGateway.DescribeBudgets";
    private const string NotificationsTarget = "AWSBudgetServiceGateway.DescribeNotificationsForBudget";

    // The 4th at 01:00: three whole days of the month have passed, and 7 hours later is still the same day.
    private readonly ManualClock _clock = ManualClock.NextMonth(day: 4, hour: 1);
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private AwsFakeServer _aws = null!;
    private string _connection = "";
    private readonly List<NpgsqlDataSource> _sources = [];

    public async Task InitializeAsync()
    {
        _aws = new AwsFakeServer(RepoPaths.AwsModels, "eu-west-3");
        await _aws.StartAsync();
        _aws.CostExplorer.CostAndUsage = request => CostSamples.Usage(request);
        _aws.CostExplorer.CostForecast = request => CostSamples.Forecast(request);
        _aws.Budgets.AddBudget(CostSamples.Budget(actual: "120", forecasted: "210"), CostSamples.DefaultNotifications());
        _connection = await TestDatabase.NewAsync("costreader");
        await using var db = NpgsqlDataSource.Create(_connection);
        await new Migrator(db).ApplyAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _sources) await s.DisposeAsync();
        _http.Dispose();
        await _aws.DisposeAsync();
    }

    /// <summary>A reader as one portal instance has it: its own connection pool, its own clients.</summary>
    private AwsCostReader Reader(string? accountId = "123456789012", int maxAttempts = 2)
    {
        var db = NpgsqlDataSource.Create(_connection);
        _sources.Add(db);
        AwsJsonClient Client(AwsService service) => new(AwsClientSettings.For(service, _aws.Region, _aws.BaseUrl) with
        {
            MaxAttempts = maxAttempts,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        }, _http, new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey), null, _clock);
        var cache = new CostCache(db, Options.Create(new CostsOptions()), _clock, NullLogger<CostCache>.Instance);
        return new AwsCostReader(new CostExplorerClient(Client(AwsService.CostExplorer)), new BudgetsClient(Client(AwsService.Budgets)), cache,
            Options.Create(new AwsOptions { Region = _aws.Region, AccountId = accountId }), _clock);
    }

    [Fact]
    public async Task A_hundred_page_views_on_two_instances_make_one_call_per_view()
    {
        var (a, b) = (Reader(), Reader());

        for (var batch = 0; batch < 10; batch++)
            await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).LoadAsync(default)));

        Assert.Equal(1, _aws.CallCount(UsageTarget));
        Assert.Equal(1, _aws.CallCount(ForecastTarget));
        Assert.Equal(1, _aws.CallCount(BudgetsTarget));
        Assert.Equal(1, _aws.CallCount(NotificationsTarget));
        Assert.All(_aws.Calls, c => Assert.True(c.Succeeded, c.ErrorMessage));
    }

    [Fact]
    public async Task The_report_has_month_to_date_per_bucket_and_service_the_trend_the_forecast_and_the_budget()
    {
        var report = await Reader().LoadAsync(default);

        var usage = report.Usage.Data!;
        // The 4th: three whole days this month, each 3.75 USD; the last two of the trend are estimated.
        Assert.Equal([("compute", 6.00m), ("data", 3.00m), ("portal", 1.50m), ("Untagged", 0.75m)], usage.ByBucket.Select(r => (r.Label, r.Amount.Amount)));
        Assert.True(usage.HasUntaggedSpend);
        Assert.Equal("Amazon Elastic Container Service", usage.ByService[0].Label);
        Assert.Equal(new Money(11.25m, "USD"), usage.MonthToDateTotal);
        Assert.True(usage.MonthToDateEstimated);
        Assert.Equal(30, usage.Daily.Count);
        Assert.Equal([false, true, true], usage.Daily.TakeLast(3).Select(d => d.Estimated));
        var forecast = report.Forecast.Data!.Forecast!;
        Assert.Equal(new Money(42.50m, "USD"), forecast.Mean);
        Assert.Equal(new Money(53.75m, "USD"), forecast.MonthEnd(usage.MonthToDateTotal));
        var budget = Assert.Single(report.Budgets!.Data!);
        Assert.Equal("autri-prod-monthly", budget.Name);
        Assert.Equal(6, budget.Thresholds.Count);
        Assert.Equal(["FORECASTED"], budget.Thresholds.Where(t => t.Amount!.Value.Amount == 200m && t.IsRed).Select(t => t.NotificationType));
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, report.AsOf!.Value.UtcDateTime, TimeSpan.FromSeconds(5));
        Assert.Null(report.Usage.Error);
    }

    [Fact]
    public async Task Requests_ask_for_the_thirty_day_trend_by_bucket_and_service_and_a_forecast_from_today_to_month_end()
    {
        await Reader().LoadAsync(default);

        var today = _clock.Today;
        var usage = _aws.Calls.Single(c => c.Target == UsageTarget).Body;
        Assert.Equal(Wire(today.AddDays(-30)), usage.GetProperty("TimePeriod").GetProperty("Start").GetString());
        Assert.Equal(Wire(today), usage.GetProperty("TimePeriod").GetProperty("End").GetString());
        Assert.Equal("DAILY", usage.GetProperty("Granularity").GetString());
        Assert.Equal("""[{"Type":"TAG","Key":"cost-bucket"},{"Type":"DIMENSION","Key":"SERVICE"}]""", usage.GetProperty("GroupBy").GetRawText());
        Assert.Equal("""["UnblendedCost"]""", usage.GetProperty("Metrics").GetRawText());
        var forecast = _aws.Calls.Single(c => c.Target == ForecastTarget).Body;
        Assert.Equal(Wire(today), forecast.GetProperty("TimePeriod").GetProperty("Start").GetString());
        Assert.Equal(Wire(new DateOnly(today.Year, today.Month, 1).AddMonths(1)), forecast.GetProperty("TimePeriod").GetProperty("End").GetString());
        Assert.Equal("UNBLENDED_COST", forecast.GetProperty("Metric").GetString());
    }

    [Fact]
    public async Task Throttling_after_the_cache_expired_shows_the_last_good_data_with_the_error()
    {
        var reader = Reader(maxAttempts: 2);
        var good = await reader.LoadAsync(default);
        _clock.Advance(TimeSpan.FromHours(7));
        _aws.Failures.Enqueue(UsageTarget, "ThrottlingException", 400, count: 2, message: "Rate exceeded");

        var stale = await reader.LoadAsync(default);
        var again = await reader.LoadAsync(default);

        Assert.True(stale.Usage.IsStale);
        Assert.Equal("ThrottlingException", stale.Usage.Error!.Code);
        Assert.Equal(good.Usage.AsOf, stale.Usage.AsOf);
        Assert.Equal(good.Usage.Data!.MonthToDateTotal, stale.Usage.Data!.MonthToDateTotal);
        Assert.Null(stale.Forecast.Error);
        Assert.Equal("ThrottlingException", again.Usage.Error!.Code);
        Assert.Equal(3, _aws.Calls.Count(c => c.Target == UsageTarget)); // one good, two throttled attempts, none for the later view
    }

    [Fact]
    public async Task A_first_ever_error_gives_no_data_and_the_error()
    {
        _aws.Failures.Enqueue(UsageTarget, "AccessDeniedException", 400, message: "User is not authorized to perform: ce:GetCostAndUsage");

        var report = await Reader().LoadAsync(default);

        Assert.False(report.Usage.HasData);
        Assert.Null(report.Usage.AsOf);
        Assert.Equal("AccessDeniedException", report.Usage.Error!.Code);
        Assert.Contains("ce:GetCostAndUsage", report.Usage.Error.Message);
        Assert.True(report.Forecast.HasData);
    }

    [Fact]
    public async Task Every_page_of_the_answer_is_read_and_merged()
    {
        _aws.CostExplorer.CostAndUsage = request =>
        {
            var full = CostSamples.Usage(request).AsObject();
            var days = full["ResultsByTime"]!.AsArray().Select(r => r!.DeepClone()).ToList();
            var secondPage = request.TryGetProperty("NextPageToken", out var token) && token.GetString() == "page-2";
            full["ResultsByTime"] = new JsonArray((secondPage ? days.Skip(5) : days.Take(5)).ToArray());
            if (!secondPage) full["NextPageToken"] = "page-2";
            return full;
        };

        var report = await Reader().LoadAsync(default);

        Assert.Equal(2, _aws.CallCount(UsageTarget));
        Assert.Equal("page-2", _aws.Calls.Where(c => c.Target == UsageTarget).Last().Body.GetProperty("NextPageToken").GetString());
        Assert.Equal(30, report.Usage.Data!.Daily.Count);
        Assert.All(report.Usage.Data.Daily, d => Assert.Equal(3.75m, d.Total.Amount));
    }

    [Fact]
    public async Task Without_forecast_history_the_reason_is_cached_like_an_answer()
    {
        _aws.CostExplorer.CostForecast = null;
        var reader = Reader();

        var first = await reader.LoadAsync(default);
        await reader.LoadAsync(default);

        Assert.Null(first.Forecast.Data!.Forecast);
        Assert.Contains("historical data", first.Forecast.Data.Unavailable);
        Assert.Null(first.Forecast.Error);
        Assert.Equal(1, _aws.Calls.Count(c => c.Target == ForecastTarget));
    }

    [Fact]
    public async Task Without_an_account_id_budgets_are_not_asked_for()
    {
        var report = await Reader(accountId: null).LoadAsync(default);

        Assert.False(report.BudgetsConfigured);
        Assert.Equal(0, _aws.Calls.Count(c => c.Service == "budgets.json"));
    }

    [Fact]
    public async Task On_the_first_of_the_month_the_trend_is_fetched_and_the_month_to_date_is_empty()
    {
        _clock.Advance(TimeSpan.FromDays(-3) + TimeSpan.FromHours(8)); // the 1st, 09:00
        var today = _clock.Today;

        var report = await Reader().LoadAsync(default);

        Assert.True(report.Usage.Data!.MonthToDate.IsEmpty);
        Assert.Empty(report.Usage.Data.ByBucket);
        Assert.Equal(30, report.Usage.Data.Daily.Count);
        var forecast = _aws.Calls.Single(c => c.Target == ForecastTarget).Body.GetProperty("TimePeriod");
        Assert.Equal(1, today.Day);
        Assert.Equal((Wire(today), Wire(today.AddMonths(1))), (forecast.GetProperty("Start").GetString(), forecast.GetProperty("End").GetString()));
        Assert.Equal(report.Forecast.Data!.Forecast!.Mean, report.Forecast.Data.Forecast.MonthEnd(report.Usage.Data.MonthToDateTotal));
    }

    [Fact]
    public async Task A_manual_refresh_within_fifteen_minutes_asks_nothing_and_says_when_it_may()
    {
        var reader = Reader();
        var first = await reader.LoadAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(3));

        var refused = await reader.RefreshAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(12));
        var done = await reader.RefreshAsync(default);

        Assert.True(refused.NothingRefreshed);
        Assert.Equal(3, refused.TooSoon);
        Assert.Equal(first.AsOf!.Value.AddMinutes(15), refused.NextAllowedAt!.Value, TimeSpan.FromSeconds(5));
        Assert.Equal(3, done.Refreshed);
        Assert.Equal(2, _aws.CallCount(UsageTarget));
        Assert.Equal(2, _aws.CallCount(ForecastTarget));
    }

    private static string Wire(DateOnly day) => DateRange.Wire(day);
}
