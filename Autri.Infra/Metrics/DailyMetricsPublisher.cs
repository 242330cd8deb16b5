using Autri.Domain.Metrics;

namespace Autri.Infra.Metrics;

/// <summary>
/// The loop behind the daily metrics: sleeps until the publication is due (<see cref="DailyMetricsSchedule"/>), asks
/// <see cref="DailyMetricsPublication"/> to publish the day (a no-op once any instance has), and looks again every
/// check interval. A failure is logged and tried again at the next check; it never stops the portal.
/// </summary>
public sealed class DailyMetricsPublisher(DailyMetricsPublication publication, IOptions<DailyMetricsOptions> options, TimeProvider time,
    ILogger<DailyMetricsPublisher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (DailyMetricsSchedule.DueDay(time.GetUtcNow(), o.PublishAtUtc) is { } due)
            {
                try
                {
                    await publication.PublishAsync(due, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning(new EventId(91, "daily_metrics_failed"), ex, "Publishing the daily metrics of {day} failed; trying again in {interval}",
                        due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.CheckInterval);
                }
            }
            try
            {
                await Task.Delay(DailyMetricsSchedule.Wait(time.GetUtcNow(), o.PublishAtUtc, o.CheckInterval), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
