namespace Autri.Coordination.Fleet;

/// <summary>The fleet page's rows: every deployment with its latest heartbeat, stale ones (and ones never heard from) first.</summary>
public sealed class FleetReader(NpgsqlDataSource db, IOptions<CoordinationOptions> options, TimeProvider clock)
{
    private sealed record Row(Guid Id, string CustomerId, string Label, DateTime LicenceExpiresAt, int GraceDays, DateTime? LastHeartbeatAt,
        string? LastHeartbeat, int Uploads, Guid? LatestUpload);

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    public async Task<IReadOnlyList<FleetRow>> ReadAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            SELECT d.id, d.customer_id AS CustomerId, d.label, d.licence_expires_at AS LicenceExpiresAt, d.licence_grace_days AS GraceDays,
                   d.last_heartbeat_at AS LastHeartbeatAt, d.last_heartbeat::text AS LastHeartbeat,
                   (SELECT count(*)::int FROM diagnostics_uploads u WHERE u.deployment_id = d.id) AS Uploads,
                   (SELECT u.id FROM diagnostics_uploads u WHERE u.deployment_id = d.id ORDER BY u.received_at DESC LIMIT 1) AS LatestUpload
            FROM deployments d
            """, cancellationToken: ct));
        var now = clock.GetUtcNow();
        return rows.Select(r => new FleetRow(r.Id, r.CustomerId, r.Label, Utc(r.LicenceExpiresAt),
                LicenceRule.StandingAt(Utc(r.LicenceExpiresAt), now, TimeSpan.FromDays(r.GraceDays)),
                r.LastHeartbeatAt is { } last ? Utc(last) : null,
                r.LastHeartbeat is null ? null : JsonSerializer.Deserialize<Heartbeat>(r.LastHeartbeat, CoordinationJson.Options),
                r.LastHeartbeatAt is not { } at || now - Utc(at) > options.Value.StaleAfter,
                r.Uploads, r.LatestUpload))
            .OrderByDescending(r => r.Stale)
            .ThenBy(r => r.CustomerId, StringComparer.Ordinal)
            .ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();
    }
}
