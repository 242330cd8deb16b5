namespace Autri.Portal.Tests.Features.Ops.Costs;

/// <summary>The Costs page in AWS mode: two real portals, a real Postgres cache, the strict AWS fake.</summary>
public sealed partial class CostsPageTests(CostsAwsStack stack) : IClassFixture<CostsAwsStack>, IAsyncLifetime
{
    private const string UsageTarget = "AWSInsightsIndexService.GetCostAndUsage";
    private const string ForecastTarget = "AWSInsightsIndexService.GetCostForecast";
    private const string BudgetsTarget = "AWSBudgetServiceGateway.DescribeBudgets";
    private const string NotificationsTarget = "AWSBudgetServiceGateway.DescribeNotificationsForBudget";

    private readonly HttpSignIn _admin = new();

    public async Task InitializeAsync()
    {
        await stack.ResetAsync();
        // One session for both portals: cookies are per host, and the data-protection keys are shared in Postgres.
        Assert.Equal("/", await _admin.SignInAsync(stack.Portal.Url, "admin@autri.test"));
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(HttpStatusCode Status, IDocument Page)> GetAsync(string url)
    {
        var response = await _admin.Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, await BrowsingContext.New(AngleSharp.Configuration.Default).OpenAsync(r => r.Content(html)));
    }

    private async Task<HttpResponseMessage> PostRefreshAsync(IDocument page, bool withToken = true)
    {
        var token = page.QuerySelector("form[action='/ops/costs/refresh'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await _admin.Client.PostAsync(stack.Portal.Url + "/ops/costs/refresh",
            new FormUrlEncodedContent(withToken ? new Dictionary<string, string> { ["__RequestVerificationToken"] = token } : []));
    }

    [Fact]
    public async Task A_hundred_page_views_on_two_portals_make_one_call_per_view()
    {
        var statuses = new List<HttpStatusCode>();
        for (var batch = 0; batch < 10; batch++)
        {
            var views = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
                _admin.Client.GetAsync((i % 2 == 0 ? stack.Portal : stack.SecondPortal).Url + "/ops/costs")));
            statuses.AddRange(views.Select(v => v.StatusCode));
        }

        Assert.Equal(100, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(1, stack.Aws.CallCount(UsageTarget));
        Assert.Equal(1, stack.Aws.CallCount(ForecastTarget));
        Assert.Equal(1, stack.Aws.CallCount(BudgetsTarget));
        Assert.Equal(1, stack.Aws.CallCount(NotificationsTarget));
        Assert.All(stack.Aws.Calls, c => Assert.True(c.Succeeded, c.ErrorMessage));
    }

    [Fact]
    public async Task The_page_shows_costs_per_bucket_and_service_the_trend_the_forecast_and_the_budget_thresholds()
    {
        var (status, page) = await GetAsync(stack.Portal.Url + "/ops/costs");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Costs", page.QuerySelector("h1")!.TextContent);
        Assert.Matches(AsOfLine(), Regex.Replace(page.QuerySelector("[data-testid=costs-as-of]")!.TextContent, @"\s+", " "));
        if (DateTime.UtcNow.Day > 1)
        {
            var days = DateTime.UtcNow.Day - 1;
            Assert.Equal(["compute", "data", "Untagged"], page.QuerySelectorAll("[data-testid=costs-by-bucket] tbody th").Select(th => th.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0]));
            Assert.Contains($"{0.25m * days:N2} USD", page.QuerySelector("[data-testid=costs-by-bucket] tr[data-untagged]")!.TextContent);
            Assert.NotNull(page.QuerySelector("[data-testid=untagged-warning]"));
            Assert.Equal(3, page.QuerySelectorAll("[data-testid=costs-by-service] tbody tr").Length);
        }
        Assert.Contains("42.50 USD", page.QuerySelector("[data-testid=costs-forecast]")!.TextContent);
        var chart = page.QuerySelector("svg[role=img]")!;
        Assert.Equal(30, chart.QuerySelectorAll("g[data-day]").Length);
        Assert.Equal(2, chart.QuerySelectorAll("g[data-estimated=true]").Length);
        var budget = page.QuerySelector("[data-budget=autri-prod-monthly]")!;
        Assert.Equal(["crossed", "crossed", "crossed", "crossed", "ok", "crossed"],
            budget.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-threshold-state")));
        Assert.Empty(page.QuerySelectorAll("[data-testid=cost-error]"));
        Assert.Empty(page.QuerySelectorAll("[style], main script")); // the CSP allows neither
    }

    [Fact]
    public async Task A_refresh_right_after_a_fetch_is_refused_with_a_message_and_asks_AWS_nothing()
    {
        var (_, page) = await GetAsync(stack.Portal.Url + "/ops/costs");

        var refused = await PostRefreshAsync(page);
        var (_, after) = await GetAsync(stack.Portal.Url + refused.Headers.Location);
        var forged = await PostRefreshAsync(page, withToken: false);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/ops/costs?refresh=too-soon", refused.Headers.Location?.ToString());
        var message = after.QuerySelector("[data-testid=refresh-too-soon]")!.TextContent;
        Assert.Contains("a refresh is allowed once every 15 minutes per view", message);
        Assert.Contains("Try again after", message);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(1, stack.Aws.CallCount(UsageTarget));
        Assert.Equal(1, stack.Aws.CallCount(ForecastTarget));
    }

    [Fact]
    public async Task A_refresh_fifteen_minutes_after_the_fetch_asks_AWS_again()
    {
        var (_, page) = await GetAsync(stack.Portal.Url + "/ops/costs");
        await stack.AgeCacheAsync(TimeSpan.FromMinutes(15));

        var refreshed = await PostRefreshAsync(page);

        Assert.Equal("/ops/costs?refresh=done", refreshed.Headers.Location?.ToString());
        Assert.Equal(2, stack.Aws.CallCount(UsageTarget));
        Assert.Equal(2, stack.Aws.CallCount(ForecastTarget));
        Assert.Equal(2, stack.Aws.CallCount(BudgetsTarget));
    }

    [Fact]
    public async Task Throttling_after_the_cache_expired_shows_the_last_good_data_with_a_banner()
    {
        await GetAsync(stack.Portal.Url + "/ops/costs");
        await stack.AgeCacheAsync(TimeSpan.FromHours(7));
        stack.Aws.Failures.Enqueue(UsageTarget, "ThrottlingException", 400, count: 2, message: "Rate exceeded");

        var (status, page) = await GetAsync(stack.SecondPortal.Url + "/ops/costs");
        var (_, later) = await GetAsync(stack.Portal.Url + "/ops/costs");

        Assert.Equal(HttpStatusCode.OK, status);
        var banner = Assert.Single(page.QuerySelectorAll("[data-testid=cost-error]"));
        Assert.Equal("ThrottlingException", banner.GetAttribute("data-error-code"));
        Assert.Contains("Showing the last good data, as of", banner.TextContent);
        Assert.NotNull(page.QuerySelector("svg[role=img]"));
        Assert.Equal("ThrottlingException", later.QuerySelector("[data-testid=cost-error]")!.GetAttribute("data-error-code"));
        Assert.Equal(3, stack.Aws.Calls.Count(c => c.Target == UsageTarget)); // the good one, two throttled attempts, none for the later view
    }

    [Fact]
    public async Task A_first_ever_error_says_so_clearly_and_shows_no_numbers()
    {
        stack.Aws.Failures.Enqueue(UsageTarget, "AccessDeniedException", 400, message: "User is not authorized to perform: ce:GetCostAndUsage");

        var (status, page) = await GetAsync(stack.Portal.Url + "/ops/costs");

        Assert.Equal(HttpStatusCode.OK, status);
        var banner = Assert.Single(page.QuerySelectorAll("[data-testid=cost-error]"));
        Assert.Equal("AccessDeniedException", banner.GetAttribute("data-error-code"));
        Assert.Contains("No data has been fetched yet", banner.TextContent);
        Assert.Contains("ce:GetCostAndUsage", banner.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=costs-by-bucket]"));
        Assert.Null(page.QuerySelector("svg[role=img]"));
        Assert.DoesNotContain("   at ", page.Body!.TextContent);
    }

    [GeneratedRegex(@"As of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\. Answers are cached for 6 hours")]
    private static partial Regex AsOfLine();
}
