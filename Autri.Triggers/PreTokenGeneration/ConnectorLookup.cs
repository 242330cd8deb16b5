using Autri.Infra.Allowlist;
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
            $"SELECT c.id AS Id, c.revoked_at IS NOT NULL AS Revoked, c.expires_at AS ExpiresAt, {OwnerSuspensions.OwnerInvited} AS OwnerInvited " +
            "FROM connectors c WHERE c.client_id = @clientId AND c.kind = @kind",
            new { clientId, kind = ConnectorKind.OAuthClient.ToDb() }, cancellationToken: ct));
        return row is null ? null : new ConnectorMatch(row.Id, ConnectorStatuses.Of(row.Revoked,
            row.ExpiresAt is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null, row.OwnerInvited, now));
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public bool Revoked { get; init; }
        public DateTime? ExpiresAt { get; init; }
        public bool OwnerInvited { get; init; }
    }
}
