namespace Autri.Coordination.Heartbeats;

/// <summary>Records an accepted heartbeat, sets it as the deployment's latest, and drops heartbeats past retention.</summary>
public sealed class HeartbeatStore(NpgsqlDataSource db, IOptions<CoordinationOptions> options)
{
    public async Task RecordAsync(Heartbeat heartbeat, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(heartbeat, CoordinationJson.Options);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var args = new { id = heartbeat.DeploymentId, body, days = options.Value.HeartbeatRetentionDays };
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO heartbeats (deployment_id, body) VALUES (@id, CAST(@body AS jsonb));
            UPDATE deployments SET last_heartbeat_at = now(), last_heartbeat = CAST(@body AS jsonb) WHERE id = @id;
            DELETE FROM heartbeats WHERE deployment_id = @id AND received_at < now() - make_interval(days => @days);
            """, args, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>The latest heartbeats of one deployment, newest first (the fleet page's detail and the tests).</summary>
    public async Task<IReadOnlyList<Heartbeat>> RecentAsync(Guid deploymentId, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var bodies = await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT body::text FROM heartbeats WHERE deployment_id = @deploymentId ORDER BY received_at DESC, id DESC LIMIT @limit",
            new { deploymentId, limit }, cancellationToken: ct));
        return bodies.Select(b => JsonSerializer.Deserialize<Heartbeat>(b, CoordinationJson.Options)!).ToList();
    }
}
