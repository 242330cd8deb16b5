using Autri.Domain.Costs;
using Autri.Domain.Metrics;

namespace Autri.Domain.Tests.Metrics;

public class DailyMetricsTests
{
    private static readonly DateOnly Due = new(2026, 3, 4);
    private static readonly IReadOnlyList<UsageGrouping> ByBucketThenService = [UsageGrouping.ByCostBucket, UsageGrouping.ByService];

    private static UsageInterval Day(string start, params (string Bucket, string Amount)[] groups) =>
        new(start, DateRange.Wire(DateRange.ParseWire(start).AddDays(1)), false,
            groups.Select(g => new UsageGroup(["cost-bucket$" + g.Bucket, "AWS Lambda"], g.Amount, "USD")).ToList());

    private static CostBreakdown Breakdown() => CostBreakdown.From(ByBucketThenService,
    [
        Day("2026-02-28", ("compute", "100")),
        Day("2026-03-01", ("compute", "2.50"), ("data", "1.25")),
        Day("2026-03-02", ("compute", "2.50"), ("", "0.10")),
        Day("2026-03-03", ("data", "1.25"), ("", "0.20")),
    ], Due);

    private static double Value(IEnumerable<DailyMetric> metrics, string name, string layer) =>
        metrics.Single(m => m.Name == name && m.Dimensions[DailyMetrics.LayerDimension] == layer).Value;

    [Fact]
    public void Each_layer_gets_the_reported_days_cost_and_the_month_to_date_through_it()
    {
        var metrics = DailyMetrics.Costs(Breakdown(), Due);

        // Reported day: the 3rd. Month to date: the 1st to the 3rd (February's 100 is not this month's).
        Assert.Equal(0, Value(metrics, DailyMetrics.LayerCostDaily, "compute"));
        Assert.Equal(1.25, Value(metrics, DailyMetrics.LayerCostDaily, "data"));
        Assert.Equal(0.20, Value(metrics, DailyMetrics.LayerCostDaily, "untagged"), 10);
        Assert.Equal(5.00, Value(metrics, DailyMetrics.LayerCostMonthToDate, "compute"));
        Assert.Equal(2.50, Value(metrics, DailyMetrics.LayerCostMonthToDate, "data"));
        Assert.Equal(0.30, Value(metrics, DailyMetrics.LayerCostMonthToDate, "untagged"), 10);
    }

    [Fact]
    public void Every_layer_carries_its_currency_and_the_days_timestamps()
    {
        var metrics = DailyMetrics.Costs(Breakdown(), Due);

        Assert.Equal(6, metrics.Count); // compute, data, untagged: one daily and one month-to-date each
        Assert.All(metrics, m => Assert.Equal("USD", m.Dimensions[DailyMetrics.CurrencyDimension]));
        Assert.All(metrics.Where(m => m.Name == DailyMetrics.LayerCostDaily), m => Assert.Equal(new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc), m.Timestamp));
        Assert.All(metrics.Where(m => m.Name == DailyMetrics.LayerCostMonthToDate), m => Assert.Equal(new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc), m.Timestamp));
    }

    [Fact]
    public void Without_any_cost_there_is_no_unit_and_nothing_is_invented()
    {
        Assert.Empty(DailyMetrics.Costs(CostBreakdown.From(ByBucketThenService, [], Due), Due));
    }

    [Fact]
    public void Notification_counts_are_the_reported_days_without_dimensions()
    {
        var metrics = DailyMetrics.Notifications(sent: 7, read: 3, Due);

        Assert.Equal([(DailyMetrics.NotificationsSent, 7d), (DailyMetrics.NotificationsRead, 3d)], metrics.Select(m => (m.Name, m.Value)));
        Assert.All(metrics, m => Assert.Empty(m.Dimensions));
        Assert.All(metrics, m => Assert.Equal("Count", m.Unit));
        Assert.All(metrics, m => Assert.Equal(new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc), m.Timestamp));
    }
}
