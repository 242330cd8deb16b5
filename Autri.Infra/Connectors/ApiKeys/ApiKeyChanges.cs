namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>What a read of the API-key feed (migration 0019) saw, at one snapshot whose xmin is <see cref="Xmin"/>.</summary>
internal sealed record ApiKeyChangeBatch(
    ulong Xmin, IReadOnlyList<ReplicaKey> Written, IReadOnlyList<Guid> DeletedKeyIds, IReadOnlyList<Guid> SuspendedOwners);

/// <summary>
/// Reads the API-key feed for <see cref="ApiKeyReplica"/>: every key, or the keys written (themselves or through their
/// connector) and deleted by transactions from a watermark on, and who is suspended now. Each read runs in one
/// repeatable-read transaction, as the documents feed does (<see cref="Autri.Infra.Documents.Search.DocumentChanges"/>).
/// </summary>
internal static class ApiKeyChanges
{
    private const string Select = $"""
        SELECT k.id, k.connector_id, c.org_id, c.library_id, c.created_by, k.pepper_version, k.key_hash,
               {ApiKeyLookup.FoldedFate}
        FROM connector_api_keys k
        JOIN connectors c ON c.id = k.connector_id
        WHERE c.kind = 'api_key'
        """;

    // Two index scans rather than one OR across the join, which would read every key.
    private const string ChangedSince = $"""
        {Select} AND k.id IN (
            SELECT id FROM connector_api_keys WHERE change_xid >= $1
            UNION
            SELECT k2.id FROM connectors c2 JOIN connector_api_keys k2 ON k2.connector_id = c2.id WHERE c2.change_xid >= $1)
        """;

    /// <summary>Every key (at most <paramref name="maxKeys"/>; one more means too many).</summary>
    public static Task<ApiKeyChangeBatch> ReadAllAsync(NpgsqlConnection conn, int maxKeys, CancellationToken ct) =>
        ReadAsync(conn, $"{Select} LIMIT {maxKeys + 1}", since: null, ct);

    public static Task<ApiKeyChangeBatch> ReadSinceAsync(NpgsqlConnection conn, ulong since, CancellationToken ct) =>
        ReadAsync(conn, ChangedSince, since, ct);

    private static async Task<ApiKeyChangeBatch> ReadAsync(NpgsqlConnection conn, string keysSql, ulong? since, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var xmin = await Snapshots.XminAsync(conn, tx, ct);
        var written = new List<ReplicaKey>();
        await using (var cmd = new NpgsqlCommand(keysSql, conn, tx))
        {
            if (since is { } s) cmd.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = s, NpgsqlDbType = NpgsqlDbType.Xid8 });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) written.Add(ReadKey(r));
        }
        var deleted = new List<Guid>();
        if (since is { } from)
        {
            await using var cmd = new NpgsqlCommand("SELECT key_id FROM api_key_deletions WHERE change_xid >= $1", conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = from, NpgsqlDbType = NpgsqlDbType.Xid8 });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) deleted.Add(r.GetGuid(0));
        }
        var suspended = new List<Guid>();
        await using (var cmd = new NpgsqlCommand("SELECT user_id FROM suspended_owners", conn, tx))
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) suspended.Add(r.GetGuid(0));
        }
        await tx.CommitAsync(ct);
        return new ApiKeyChangeBatch(xmin, written, deleted, suspended);
    }

    private static ReplicaKey ReadKey(NpgsqlDataReader r)
    {
        var keyId = r.GetGuid(0);
        var connectorId = r.GetGuid(1);
        var hash = r.GetFieldValue<byte[]>(6);
        var expiresAt = r.IsDBNull(8) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(8);
        // The owner's invitation is judged at each verification from the replica's suspended set, not here.
        var record = new ApiKeyRecord(keyId, connectorId, r.GetGuid(2), r.GetGuid(3), r.GetBoolean(7), expiresAt, ownerInvited: true);
        return new ReplicaKey(r.GetGuid(4), r.GetInt32(5), HashKey.From(hash), record);
    }
}
