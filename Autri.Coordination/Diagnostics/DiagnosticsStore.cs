namespace Autri.Coordination.Diagnostics;

/// <summary>One diagnostics bundle a deployment's admin sent to support.</summary>
public sealed record DiagnosticsUpload(Guid Id, Guid DeploymentId, DateTime ReceivedAt, int SizeBytes);

public sealed class DiagnosticsStore(NpgsqlDataSource db)
{
    public async Task<Guid> SaveAsync(Guid deploymentId, string bundleJson, int sizeBytes, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO diagnostics_uploads (id, deployment_id, size_bytes, bundle) VALUES (@id, @deploymentId, @sizeBytes, CAST(@bundleJson AS jsonb))
            """, new { id, deploymentId, sizeBytes, bundleJson }, cancellationToken: ct));
        return id;
    }

    public async Task<IReadOnlyList<DiagnosticsUpload>> ListAsync(Guid deploymentId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<DiagnosticsUpload>(new CommandDefinition("""
            SELECT id, deployment_id AS DeploymentId, received_at AS ReceivedAt, size_bytes AS SizeBytes
            FROM diagnostics_uploads WHERE deployment_id = @deploymentId ORDER BY received_at DESC
            """, new { deploymentId }, cancellationToken: ct))).AsList();
    }

    /// <summary>The bundle as stored (JSON), for support staff on the fleet page.</summary>
    public async Task<string?> ReadAsync(Guid deploymentId, Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT bundle::text FROM diagnostics_uploads WHERE id = @id AND deployment_id = @deploymentId", new { id, deploymentId }, cancellationToken: ct));
    }
}
