namespace Autri.Mcp.Health;

/// <summary>
/// Local mode with <c>Mcp:SeedDemoCorpus</c>: once migrations are applied, seeds the demo corpus into empty Personal
/// KBs, and again every minute for people who sign in later.
/// </summary>
public sealed class DemoCorpusSeeding(DemoCorpusSeeder seeder, ILogger<DemoCorpusSeeding> log) : IAfterMigrations
{
    private static readonly TimeSpan SeedEvery = TimeSpan.FromMinutes(1);

    public Task RunAsync(CancellationToken ct) =>
        Periodic.RunAsync(SeedEvery, TimeProvider.System, seeder.SeedEmptyPersonalKbsAsync,
            ex => log.LogError(new EventId(61, "demo_corpus_failed"), ex, "Seeding the demo corpus failed; retrying in a minute"),
            ct);
}
