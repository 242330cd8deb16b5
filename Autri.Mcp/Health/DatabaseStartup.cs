using Autri.Infra.Database;
using Autri.Infra.Documents;

namespace Autri.Mcp.Health;

/// <summary>
/// Applies migrations at start without blocking it (the server answers /healthz, and /readyz says why it is not
/// ready, while the database is down), retrying with backoff. In local mode with <c>Mcp:SeedDemoCorpus</c> it then
/// seeds the demo corpus into empty Personal KBs, and again every minute for people who sign in later.
/// </summary>
public sealed class DatabaseStartup(Migrator migrator, DemoCorpusSeeder seeder, IOptions<McpOptions> options, ILogger<DatabaseStartup> log)
    : BackgroundService
{
    private static readonly TimeSpan SeedEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await MigrateAsync(stoppingToken);
        if (!options.Value.SeedDemoCorpus) return;
        using var timer = new PeriodicTimer(SeedEvery);
        do
        {
            try
            {
                await seeder.SeedEmptyPersonalKbsAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(new EventId(61, "demo_corpus_failed"), ex, "Seeding the demo corpus failed; retrying in a minute");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task MigrateAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await migrator.ApplyAsync(stoppingToken);
                log.LogInformation(new EventId(30, "migrations_applied"), "Database ready; applied {count} migration(s)", applied.Count);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(new EventId(31, "database_unavailable"), ex, "Database not ready; retrying in {delay_s} s", delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
