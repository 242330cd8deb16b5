using Dapper;

namespace Autri.Triggers.PreTokenGeneration;

public sealed record ConnectorMatch(Guid Id, ConnectorStatus Status);

/// <summary>Finds the OAuth connector an app client id belongs to (connectors.client_id is unique).</summary>
public static class ConnectorLookup
{
    public static async Task<ConnectorMatch?> FindAsync(NpgsqlDataSource db, string clientId, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id AS Id, revoked_at IS NOT NULL AS Revoked, expires_at AS ExpiresAt FROM connectors WHERE client_id = @clientId AND kind = @kind",
            new { clientId, kind = ConnectorKind.OAuthClient.ToDb() }, cancellationToken: ct));
        return row is null ? null : new ConnectorMatch(row.Id, ConnectorStatuses.Of(row.Revoked,
            row.ExpiresAt is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null, now));
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public bool Revoked { get; init; }
        public DateTime? ExpiresAt { get; init; }
    }
}
