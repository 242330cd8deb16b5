using Autri.Domain.Costs;

namespace Autri.Domain.Metrics;

/// <summary>
/// The daily metrics one publication sends, and their names (infra-cdk's dashboard graphs the same names:
/// infra-cdk/lib/constructs/daily-metrics.ts). Costs come from the Costs page's own breakdown (the cached Cost
/// Explorer answer of the day), so the dashboard and the page can never disagree.
/// </summary>
public static class DailyMetrics
{
    public const string LayerCostDaily = "LayerCostDaily";
    public const string LayerCostMonthToDate = "LayerCostMonthToDate";
    public const string NotificationsSent = "NotificationsSent";
    public const string NotificationsRead = "NotificationsRead";

    /// <summary>The cost-bucket tag's value; costs without the tag under "untagged".</summary>
    public const string LayerDimension = "Layer";

    /// <summary>Cost Explorer's unit (USD): CloudWatch has no currency unit, so the currency is a dimension.</summary>
    public const string CurrencyDimension = "Currency";

    public const string UntaggedLayer = "untagged";

    /// <summary>
    /// Each layer's cost on the reported day (timestamped at that day's start) and month to date through it (the
    /// breakdown's month to date: whole days of this month before today; timestamped at <paramref name="due"/>'s
    /// start). Every layer the breakdown names gets both, zero where it had no cost, so a graph line never just stops.
    /// </summary>
    public static IReadOnlyList<DailyMetric> Costs(CostBreakdown breakdown, DateOnly due)
    {
        if (breakdown.Unit is not { } unit) return [];
        var reported = DailyMetricsSchedule.ReportedDay(due);
        var monthToDate = breakdown.Daily.Where(d => breakdown.MonthToDate.Contains(d.Day)).SelectMany(d => d.Buckets).ToList();
        var ofDay = breakdown.Daily.Where(d => d.Day == reported).SelectMany(d => d.Buckets).ToList();
        var metrics = new List<DailyMetric>();
        foreach (var bucket in breakdown.Buckets)
        {
            var dimensions = new Dictionary<string, string> { [LayerDimension] = Layer(bucket), [CurrencyDimension] = unit };
            metrics.Add(new DailyMetric(LayerCostDaily, dimensions, DailyMetricsSchedule.Start(reported), Sum(ofDay, bucket), "None"));
            metrics.Add(new DailyMetric(LayerCostMonthToDate, dimensions, DailyMetricsSchedule.Start(due), Sum(monthToDate, bucket), "None"));
        }
        return metrics;
    }

    /// <summary>Notifications created and read during the reported day, timestamped at its start.</summary>
    public static IReadOnlyList<DailyMetric> Notifications(long sent, long read, DateOnly due)
    {
        var at = DailyMetricsSchedule.Start(DailyMetricsSchedule.ReportedDay(due));
        var none = new Dictionary<string, string>();
        return [new(NotificationsSent, none, at, sent, "Count"), new(NotificationsRead, none, at, read, "Count")];
    }

    public static string Layer(CostBucket bucket) => bucket.IsUntagged ? UntaggedLayer : bucket.Value;

    private static double Sum(IEnumerable<BucketAmount> amounts, CostBucket bucket) =>
        (double)amounts.Where(a => a.Bucket == bucket).Sum(a => a.Amount.Amount);
}
