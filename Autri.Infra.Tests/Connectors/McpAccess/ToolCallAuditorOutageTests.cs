using Autri.Infra.Connectors.McpAccess;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autri.Infra.Tests.Connectors.McpAccess;

/// <summary>
/// A tool call that answered is audited even when Postgres goes away before its queued row is written: the batch
/// stays queued and is written once the database is back (issue 12 item 14: bench/soak restarts Postgres under load).
/// </summary>
public class ToolCallAuditorOutageTests
{
    [Fact]
    public async Task Rows_queued_while_Postgres_is_down_are_written_when_it_returns()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync("audit");
        await using var db = NpgsqlDataSource.Create(connectionString);
        await new Migrator(db).ApplyAsync();
        var auditor = new ToolCallAuditor(db, NullLogger<ToolCallAuditor>.Instance);

        await cluster.StopAsync();
        auditor.Record(new ToolCallRecord(Guid.NewGuid(), "search_documents", true, 3, 2, null));
        auditor.Record(new ToolCallRecord(Guid.NewGuid(), "search_documents", true, 4, 0, null));
        await Assert.ThrowsAnyAsync<Exception>(() => auditor.FlushAsync());
        await cluster.RestartAsync();

        // The first attempt after the restart may still meet a connection the pool held from before.
        await Eventually.WithinAsync(TimeSpan.FromSeconds(20), "the queued audit rows are written", async () =>
        {
            try { await auditor.FlushAsync(); return true; }
            catch (NpgsqlException) { return false; }
        });
        await using var count = db.CreateCommand("SELECT count(*) FROM mcp_audit_log WHERE tool = 'search_documents' AND status = 'ok'");
        Assert.Equal(2L, (long)(await count.ExecuteScalarAsync())!);
    }
}
