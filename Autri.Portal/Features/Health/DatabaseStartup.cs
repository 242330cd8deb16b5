using Autri.Infra.Database;
using Autri.Infra.Local;

namespace Autri.Portal.Features.Health;

/// <summary>
/// Applies migrations at start without blocking it: with the database down the portal still starts, says so
/// on /readyz and its pages, and keeps retrying until the database is back.
/// </summary>
public sealed class DatabaseStartup(Migrator migrator, IServiceProvider services, IOptions<PortalOptions> portal, ILogger<DatabaseStartup> log) : BackgroundService
{
    public DateTimeOffset? MigratedAt { get; private set; }

    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await migrator.ApplyAsync(stoppingToken);
                MigratedAt = DateTimeOffset.UtcNow;
                LastError = null;
                log.LogInformation(new EventId(30, "migrations_applied"), "Database ready; applied {count} migration(s)", applied.Count);
                if (portal.Value.IsLocal && portal.Value.SeedDemoData)
                    await services.GetRequiredService<DemoSeed>().ApplyAsync(portal.Value.AllowlistParameter, stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LastError = ex.Message;
                log.LogError(new EventId(31, "database_unavailable"), ex, "Database not ready; retrying in {delay_s} s", delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }
}
