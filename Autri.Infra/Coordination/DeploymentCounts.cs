namespace Autri.Infra.Coordination;

/// <summary>
/// The product's side of the agent's status call: the last migration and three counts (accounts, live connectors,
/// MCP tool calls in the last 24 hours). Each is a count(*): no row, name or text is read.
/// </summary>
public sealed class DeploymentCounts(NpgsqlDataSource db, Migrator migrator, TimeProvider clock)
{
    public async Task<PortalStatus> ReadAsync(string version, CancellationToken ct)
    {
        var last = await migrator.LastAppliedAsync(ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var counts = await conn.QuerySingleAsync<(int Users, int Connectors, int ToolCalls)>(new CommandDefinition("""
            SELECT (SELECT count(*)::int FROM users),
                   (SELECT count(*)::int FROM connectors WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)),
                   (SELECT count(*)::int FROM mcp_audit_log WHERE at > @dayAgo)
            """, new { now = clock.GetUtcNow(), dayAgo = clock.GetUtcNow().AddDays(-1) }, cancellationToken: ct));
        return new PortalStatus(version, last?.Name, last?.AppliedAt, new UsageCounts(counts.Users, counts.Connectors, counts.ToolCalls));
    }
}
