using Autri.Domain.Metrics;
using Autri.Infra.Aws.CloudWatch;
using Autri.Infra.Metrics;
using Autri.Testing.Aws;

namespace Autri.Infra.Tests.Metrics;

/// <summary>
/// The daily metrics publication against a real Postgres (as the portal's own role) and the strict AWS fake: one
/// instance publishes a day, from the cached Cost Explorer answer, and a failure leaves the day to be tried again.
/// </summary>
public sealed class DailyMetricsPublicationTests : IAsyncLifetime
{
    private const string UsageTarget = "AWSInsightsIndexService.GetCostAndUsage";
    private const string PutTarget = "GraniteServiceVersion20100801.PutMetricData";

    // A day CloudWatch accepts datums for (within two weeks) with whole days of its month before it.
    private static readonly DateOnly Due = DateOnly.FromDateTime(DateTime.UtcNow) is var today && today.Day >= 3 ? today : today.AddDays(-3);
    private readonly ManualClock _clock = new(new DateTimeOffset(Due.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero));
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly List<NpgsqlDataSource> _sources = [];
    private AwsFakeServer _aws = null!;
    private string _owner = "";

    public async Task InitializeAsync()
    {
        _aws = new AwsFakeServer(RepoPaths.AwsModels, "eu-west-3");
        await _aws.StartAsync();
        _aws.CostExplorer.CostAndUsage = request => CostSamples.Usage(request);
        _owner = await TestDatabase.NewAsync("dailymetrics");
        await using var db = NpgsqlDataSource.Create(_owner);
        await new Migrator(db).ApplyAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _sources) await s.DisposeAsync();
        _http.Dispose();
        await _aws.DisposeAsync();
    }

    /// <summary>One portal instance's publication: its own pool (as autri_portal), its own clients, the shared cache.</summary>
    private DailyMetricsPublication Instance()
    {
        var db = NpgsqlDataSource.Create(DatabaseLogins.As(_owner, AppRoles.Portal));
        _sources.Add(db);
        AwsJsonClient Client(AwsService service) => new(AwsClientSettings.For(service, _aws.Region, _aws.BaseUrl) with
        {
            MaxAttempts = 1,
        }, _http, new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey), null, _clock);
        var cache = new CostCache(db, Options.Create(new CostsOptions()), _clock, NullLogger<CostCache>.Instance);
        var costs = new AwsCostReader(new CostExplorerClient(Client(AwsService.CostExplorer)), new BudgetsClient(Client(AwsService.Budgets)), cache,
            Options.Create(new AwsOptions { Region = _aws.Region }), _clock);
        return new DailyMetricsPublication(db, costs, new CloudWatchClient(Client(AwsService.CloudWatch)),
            Options.Create(new DailyMetricsOptions { Namespace = "Autri/beta" }), NullLogger<DailyMetricsPublication>.Instance);
    }

    [Fact]
    public async Task Three_instances_due_together_publish_the_day_once_with_one_cost_explorer_call()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Instance().PublishAsync(Due, default)));

        Assert.Equal(1, results.Count(published => published));
        Assert.Equal(1, _aws.CallCount(PutTarget));
        Assert.Equal(1, _aws.CallCount(UsageTarget));
        // Later checks the same day (every instance, every interval) publish nothing and ask Cost Explorer nothing.
        Assert.False(await Instance().PublishAsync(Due, default));
        Assert.Equal(1, _aws.CallCount(PutTarget));
        Assert.Equal(1, _aws.CallCount(UsageTarget));
        await using var owner = NpgsqlDataSource.Create(_owner);
        await using var conn = await owner.OpenConnectionAsync();
        Assert.Equal(_aws.CloudWatch.Published.Count, await conn.ExecuteScalarAsync<int>("SELECT datums FROM daily_metric_publications WHERE day = @day::date", new { day = DailyMetricsSchedule.Start(Due) }));
    }

    [Fact]
    public async Task The_request_validates_against_the_model_and_carries_each_layer_with_its_currency()
    {
        Assert.True(await Instance().PublishAsync(Due, default));

        var call = Assert.Single(_aws.Calls, c => c.Target == PutTarget);
        Assert.True(call.Succeeded, call.ErrorMessage);
        var published = _aws.CloudWatch.Published;
        Assert.All(published, d => Assert.Equal("Autri/beta", d.Namespace));
        // CostSamples: every day compute 2.00, data 1.00, portal 0.50, untagged 0.25 (USD).
        var reported = DailyMetricsSchedule.Start(DailyMetricsSchedule.ReportedDay(Due));
        var daily = published.Where(d => d.MetricName == DailyMetrics.LayerCostDaily).ToDictionary(d => d.Dimensions["Layer"]);
        Assert.Equal(["compute", "data", "portal", "untagged"], daily.Keys.Order());
        Assert.Equal(2.00, daily["compute"].Value);
        Assert.Equal(0.25, daily["untagged"].Value);
        Assert.All(daily.Values, d => Assert.Equal("USD", d.Dimensions["Currency"]));
        Assert.All(daily.Values, d => Assert.Equal(reported, d.Timestamp.UtcDateTime));
        var wholeDays = Due.Day - 1;
        var monthToDate = published.Where(d => d.MetricName == DailyMetrics.LayerCostMonthToDate).ToDictionary(d => d.Dimensions["Layer"]);
        Assert.Equal(1.00 * wholeDays, monthToDate["data"].Value!.Value, 6);
        Assert.Equal(0.50 * wholeDays, monthToDate["portal"].Value!.Value, 6);
    }

    [Fact]
    public async Task Notifications_sent_and_read_are_counted_for_the_reported_day_only()
    {
        var reported = DailyMetricsSchedule.Start(DailyMetricsSchedule.ReportedDay(Due));
        await using (var owner = NpgsqlDataSource.Create(_owner))
        await using (var conn = await owner.OpenConnectionAsync())
        {
            var user = Guid.NewGuid();
            await conn.ExecuteAsync("INSERT INTO users (id, subject, email) VALUES (@user, @subject, @email)",
                new { user, subject = "sub-" + user, email = $"{user}@metrics.test" });
            const string insert = "INSERT INTO notifications (user_id, type, title, created_at, read_at) VALUES (@user, 'info', 't', @created, @read)";
            // Sent on the reported day: three, one of them read the same day and one read today.
            await conn.ExecuteAsync(insert, new { user, created = reported.AddHours(1), read = (DateTime?)reported.AddHours(2) });
            await conn.ExecuteAsync(insert, new { user, created = reported.AddHours(3), read = (DateTime?)reported.AddDays(1).AddHours(1) });
            await conn.ExecuteAsync(insert, new { user, created = reported.AddHours(23), read = (DateTime?)null });
            // The day before, read on the reported day: counts as read, not as sent.
            await conn.ExecuteAsync(insert, new { user, created = reported.AddHours(-5), read = (DateTime?)reported.AddHours(4) });
            // Today: neither.
            await conn.ExecuteAsync(insert, new { user, created = reported.AddDays(1).AddHours(1), read = (DateTime?)null });
        }

        Assert.True(await Instance().PublishAsync(Due, default));

        var counts = _aws.CloudWatch.Published.Where(d => d.Dimensions.Count == 0).ToDictionary(d => d.MetricName, d => d.Value);
        Assert.Equal(3, counts[DailyMetrics.NotificationsSent]);
        Assert.Equal(2, counts[DailyMetrics.NotificationsRead]);
    }

    [Fact]
    public async Task A_failed_put_leaves_the_day_unclaimed_and_the_next_try_publishes_it_from_the_cache()
    {
        _aws.Failures.Enqueue(PutTarget, "InternalServiceFault", 500);

        await Assert.ThrowsAsync<AwsServiceException>(() => Instance().PublishAsync(Due, default));
        Assert.Empty(_aws.CloudWatch.Published);

        Assert.True(await Instance().PublishAsync(Due, default));
        Assert.NotEmpty(_aws.CloudWatch.Published);
        Assert.Equal(1, _aws.CallCount(UsageTarget));
    }

    [Fact]
    public async Task Without_cost_data_nothing_is_published_and_the_day_stays_due()
    {
        _aws.Failures.Enqueue(UsageTarget, "AccessDeniedException", 400);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Instance().PublishAsync(Due, default));

        Assert.Contains("AccessDeniedException", error.Message);
        Assert.Equal(0, _aws.CallCount(PutTarget));
        await using var owner = NpgsqlDataSource.Create(_owner);
        await using var conn = await owner.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM daily_metric_publications"));
    }
}
