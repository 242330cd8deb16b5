namespace Autri.Mcp.Health;

/// <summary>
/// Local mode with <c>Mcp:SeedDemoCorpus</c>: once migrations are applied, seeds the demo corpus into empty Personal
/// KBs, and again every minute for people who sign in later.
/// </summary>
public sealed class DemoCorpusSeeding(DemoCorpusSeeder seeder, ILogger<DemoCorpusSeeding> log) : IAfterMigrations
{
    private static readonly TimeSpan SeedEvery = TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(SeedEvery);
        do
        {
            try
            {
                await seeder.SeedEmptyPersonalKbsAsync(ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogError(new EventId(61, "demo_corpus_failed"), ex, "Seeding the demo corpus failed; retrying in a minute");
            }
        }
        while (await WaitAsync(timer, ct));
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
