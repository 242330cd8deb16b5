namespace Autri.Infra.Coordination;

/// <summary>The agent's health observations, a week of them, for the diagnostics bundle and the admin page.</summary>
public sealed class HealthHistory(NpgsqlDataSource db)
{
    public static readonly TimeSpan Kept = TimeSpan.FromDays(7);

    public async Task RecordAsync(HealthObservation o, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO agent_health_history (observed_at, portal, mcp, database, delivered) VALUES (@ObservedAt, @portal, @mcp, @database, @Delivered);
            DELETE FROM agent_health_history WHERE observed_at < @cutoff;
            """, new
        {
            o.ObservedAt,
            portal = Name(o.Portal),
            mcp = Name(o.Mcp),
            database = Name(o.Database),
            o.Delivered,
            cutoff = o.ObservedAt - Kept,
        }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<HealthObservation>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(DateTime At, string Portal, string Mcp, string Database, bool Delivered)>(new CommandDefinition(
            "SELECT observed_at, portal, mcp, database, delivered FROM agent_health_history ORDER BY observed_at DESC LIMIT @limit",
            new { limit }, cancellationToken: ct));
        return rows.Select(r => new HealthObservation(new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)),
            Parse(r.Portal), Parse(r.Mcp), Parse(r.Database), r.Delivered)).ToList();
    }

    private static string Name(AppHealth h) => h.ToString().ToLowerInvariant();

    private static AppHealth Parse(string s) => Enum.Parse<AppHealth>(s, ignoreCase: true);
}
