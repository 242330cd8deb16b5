using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autri.Infra.Database;

/// <summary>
/// Applies migrations at start without blocking it: with the database down the app still starts, says so on
/// /readyz (and the portal on its pages), and keeps retrying with backoff until the database is back. Then runs
/// the host's <see cref="IAfterMigrations"/> work in registration order.
/// </summary>
public sealed class DatabaseStartup(Migrator migrator, IEnumerable<IAfterMigrations> followUps, ILogger<DatabaseStartup> log) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await MigrateAsync(stoppingToken)) return;
        foreach (var followUp in followUps) await followUp.RunAsync(stoppingToken);
    }

    private async Task<bool> MigrateAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await migrator.ApplyAsync(stoppingToken);
                log.LogInformation(new EventId(30, "migrations_applied"), "Database ready; applied {count} migration(s)", applied.Count);
                return true;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(new EventId(31, "database_unavailable"), ex, "Database not ready; retrying in {delay_s} s", delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, MaxDelay.TotalSeconds));
            }
        }
        return false;
    }
}
