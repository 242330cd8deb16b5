using Npgsql;
using NpgsqlTypes;

namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>The one query verification makes: the key rows whose hash is any of the candidate HMACs.</summary>
public sealed class ApiKeyLookup(NpgsqlDataSource db)
{
    private const string Sql = """
        SELECT k.id, k.connector_id, c.org_id, c.library_id, k.pepper_version, k.key_hash,
               k.revoked_at IS NOT NULL OR c.revoked_at IS NOT NULL AS revoked,
               LEAST(k.expires_at, c.expires_at) AS expires_at
        FROM connector_api_keys k
        JOIN connectors c ON c.id = k.connector_id
        WHERE k.key_hash = ANY($1) AND c.kind = 'api_key'
        """;

    internal async Task<IReadOnlyList<Row>> FindAsync(byte[][] hashes, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql, conn);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = hashes });
        // Prepared once per physical connection; Npgsql keeps it across pool rentals, so later calls
        // skip parsing and planning.
        await cmd.PrepareAsync(ct);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<Row>(1);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetInt32(4),
                (byte[])reader[5], reader.GetBoolean(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return rows;
    }

    internal sealed record Row(
        Guid KeyId, Guid ConnectorId, Guid OrgId, Guid LibraryId, int PepperVersion, byte[] KeyHash,
        bool Revoked, DateTimeOffset? ExpiresAt);
}
