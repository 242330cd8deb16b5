using Dapper;
using Npgsql;

namespace Autri.Triggers.PreTokenGeneration;

public enum ConnectorState
{
    Live,
    Revoked,
    Expired,
}

public sealed record ConnectorMatch(Guid Id, ConnectorState State);

/// <summary>Finds the OAuth connector an app client id belongs to (connectors.client_id is unique).</summary>
public static class ConnectorLookup
{
    public static async Task<ConnectorMatch?> FindAsync(NpgsqlDataSource db, string clientId, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id AS Id, revoked_at AS RevokedAt, expires_at AS ExpiresAt FROM connectors WHERE client_id = @clientId AND kind = 'oauth_client'",
            new { clientId }, cancellationToken: ct));
        return row is null ? null : new ConnectorMatch(row.Id, StateOf(row.RevokedAt, row.ExpiresAt, now));
    }

    /// <summary>Revoked wins over expired: it is the deliberate act, and the reason an operator looks for.</summary>
    public static ConnectorState StateOf(DateTime? revokedAt, DateTime? expiresAt, DateTimeOffset now) =>
        revokedAt is not null ? ConnectorState.Revoked
        : expiresAt is { } e && new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) <= now ? ConnectorState.Expired
        : ConnectorState.Live;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public DateTime? RevokedAt { get; init; }
        public DateTime? ExpiresAt { get; init; }
    }
}
