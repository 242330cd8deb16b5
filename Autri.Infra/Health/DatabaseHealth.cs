namespace Autri.Infra.Health;

/// <summary>The database as the admin Health page describes it.</summary>
public sealed record DatabaseHealth(string ServerVersion, string? VectorVersion, bool VectorAvailable, IReadOnlyList<string> PendingMigrations)
{
    public bool MigrationsCurrent => PendingMigrations.Count == 0;
}

/// <summary>Reads the server version, pgvector's state and the pending migrations in one short visit.</summary>
public sealed class DatabaseHealthProbe(NpgsqlDataSource db, Migrator migrator)
{
    public async Task<DatabaseHealth> CheckAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT current_setting('server_version'),
                   (SELECT extversion FROM pg_extension WHERE extname = 'vector'),
                   EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var (server, vector, vectorAvailable) = (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetBoolean(2));
        await r.CloseAsync();
        var pending = await migrator.PendingAsync(ct);
        return new DatabaseHealth(server, vector, vectorAvailable, pending);
    }
}
