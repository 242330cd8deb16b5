using Autri.Domain.Metrics;
using Autri.Infra.Aws.CloudWatch;
using Autri.Infra.Costs;

namespace Autri.Infra.Metrics;

/// <summary>
/// Publishes one day's metrics, by one instance only: inside one transaction it claims the day (its row in
/// daily_metric_publications), counts the reported day's notifications, reads the layer costs through the Costs
/// page's cache, sends everything in one PutMetricData, and commits. Another instance's claim of the same day waits
/// for that commit and then finds the row; a failure anywhere rolls the claim back, so the day is tried again later.
/// </summary>
public sealed class DailyMetricsPublication(NpgsqlDataSource db, AwsCostReader costs, ICloudWatchClient cloudWatch,
    IOptions<DailyMetricsOptions> options, ILogger<DailyMetricsPublication> log)
{
    /// <summary>True when this call published <paramref name="due"/>; false when it had been published already.</summary>
    public async Task<bool> PublishAsync(DateOnly due, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var day = DailyMetricsSchedule.Start(due); // Dapper has no DateOnly parameters: midnight, cast to date
        var claimed = await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO daily_metric_publications (day, published_at, datums) VALUES (@day::date, now(), 0) ON CONFLICT (day) DO NOTHING",
            new { day }, tx, cancellationToken: ct));
        if (claimed == 0) return false;

        var reported = DailyMetricsSchedule.ReportedDay(due);
        var counts = await conn.QuerySingleAsync<(long Sent, long Read)>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM notifications WHERE created_at >= @from AND created_at < @to),
                   (SELECT count(*) FROM notifications WHERE read_at >= @from AND read_at < @to)
            """, new { from = DailyMetricsSchedule.Start(reported), to = DailyMetricsSchedule.Start(due) }, tx, cancellationToken: ct));
        var usage = await costs.UsageAsync(ct);
        if (usage.Data is not { } breakdown)
            throw new InvalidOperationException($"No cost data for {due:yyyy-MM-dd} ({usage.Error?.Code ?? "nothing cached"}); the publication is tried again later");

        var metrics = DailyMetrics.Costs(breakdown, due).Concat(DailyMetrics.Notifications(counts.Sent, counts.Read, due)).ToList();
        await cloudWatch.PutMetricDataAsync(new PutMetricDataRequest
        {
            Namespace = options.Value.Namespace,
            MetricData = metrics.Select(m => new MetricDatum
            {
                MetricName = m.Name,
                Dimensions = m.Dimensions.Count == 0 ? null : m.Dimensions.Select(d => new Dimension { Name = d.Key, Value = d.Value }).ToList(),
                Timestamp = m.Timestamp,
                Value = m.Value,
                Unit = m.Unit,
            }).ToList(),
        }, ct);
        await conn.ExecuteAsync(new CommandDefinition("UPDATE daily_metric_publications SET datums = @count WHERE day = @day::date",
            new { day, count = metrics.Count }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        log.LogInformation(new EventId(90, "daily_metrics_published"), "Published {count} daily metrics for {day} into {namespace}",
            metrics.Count, reported.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), options.Value.Namespace);
        return true;
    }
}
