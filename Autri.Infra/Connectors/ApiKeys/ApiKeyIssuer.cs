namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// Creates API-key connectors and rotates their keys. Writes only the HMAC, its pepper version and the
/// display prefix; the plaintext goes back to the caller once, in <see cref="IssuedApiKey"/>.
/// </summary>
public sealed class ApiKeyIssuer(NpgsqlDataSource db, ApiKeyHasher hasher, ApiKeyCache cache, TimeProvider clock)
{
    /// <summary>Creates the connector and its first key in one transaction of its own.</summary>
    /// <exception cref="PostgresException">SqlState 23505 on <c>connectors_org_name_live</c>: the org already has a live connector of that name.</exception>
    public async Task<IssuedApiKey> IssueAsync(NewApiKeyConnector connector, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var issued = await IssueAsync(connector, tx, ct);
        await tx.CommitAsync(ct);
        return issued;
    }

    /// <summary>Creates the connector and its first key inside the caller's transaction (e.g. with an audit row).</summary>
    /// <exception cref="ArgumentException">The expiry is not in the future.</exception>
    public async Task<IssuedApiKey> IssueAsync(NewApiKeyConnector connector, NpgsqlTransaction tx, CancellationToken ct = default)
    {
        if (connector.ExpiresAt <= clock.GetUtcNow()) throw new ArgumentException("A new connector must expire in the future.", nameof(connector));
        var connectorId = Guid.CreateVersion7();
        var key = ApiKey.Generate();
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, key_prefix, expires_at)
            VALUES ($1, $2, $3, $4, $5, 'api_key', $6, $7)
            """, tx.Connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = connectorId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = connector.OrgId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = connector.CreatedBy });
            cmd.Parameters.Add(new NpgsqlParameter { Value = connector.LibraryId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = connector.Name });
            cmd.Parameters.Add(new NpgsqlParameter { Value = ApiKey.DisplayPrefix(key) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)connector.ExpiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return await InsertKeyAsync(tx, connectorId, key, ct);
    }

    /// <summary>
    /// Gives a connector a new key, in a transaction of its own. Its live keys keep working for
    /// <paramref name="grace"/> (their expires_at becomes now + grace unless already sooner); a zero grace
    /// revokes them at once. Clients switch to the new key within the grace period; the connector and its id stay the same.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such API-key connector, or it is revoked.</exception>
    public async Task<IssuedApiKey> RotateAsync(Guid connectorId, TimeSpan grace, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var issued = await RotateAsync(connectorId, grace, tx, ct);
        await tx.CommitAsync(ct);
        ForgetCached(connectorId);
        return issued;
    }

    /// <summary>
    /// The same inside the caller's transaction (e.g. with an audit row). The connector row stays locked
    /// until the caller commits; after committing, call <see cref="ForgetCached"/> so this process stops
    /// accepting a key revoked by a zero grace at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such API-key connector, or it is revoked.</exception>
    public async Task<IssuedApiKey> RotateAsync(Guid connectorId, TimeSpan grace, NpgsqlTransaction tx, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        var conn = tx.Connection!;

        await using (var check = new NpgsqlCommand(
            "SELECT revoked_at IS NULL FROM connectors WHERE id = $1 AND kind = 'api_key' FOR UPDATE", conn, tx))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = connectorId });
            if (await check.ExecuteScalarAsync(ct) is not bool live) throw new InvalidOperationException($"No API-key connector {connectorId}.");
            if (!live) throw new InvalidOperationException($"Connector {connectorId} is revoked; its keys cannot be rotated.");
        }

        var retire = grace == TimeSpan.Zero
            ? "UPDATE connector_api_keys SET revoked_at = $2 WHERE connector_id = $1 AND revoked_at IS NULL"
            : "UPDATE connector_api_keys SET expires_at = LEAST(expires_at, $2) WHERE connector_id = $1 AND revoked_at IS NULL";
        await using (var cmd = new NpgsqlCommand(retire, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = connectorId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = now + grace });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var key = ApiKey.Generate();
        await using (var cmd = new NpgsqlCommand("UPDATE connectors SET key_prefix = $2 WHERE id = $1", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = connectorId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = ApiKey.DisplayPrefix(key) });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return await InsertKeyAsync(tx, connectorId, key, ct);
    }

    /// <summary>Drops what this process cached about a connector's keys (after a rotation commits).</summary>
    public void ForgetCached(Guid connectorId) => cache.Invalidate(connectorId);

    /// <summary>Every key a connector has had, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(Guid connectorId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, key_prefix, pepper_version, created_at, expires_at, revoked_at, last_used_at
            FROM connector_api_keys WHERE connector_id = $1 ORDER BY created_at DESC, id DESC
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = connectorId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var keys = new List<ApiKeyInfo>();
        while (await r.ReadAsync(ct))
        {
            keys.Add(new ApiKeyInfo(
                r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3),
                NullableTime(r, 4), NullableTime(r, 5), NullableTime(r, 6)));
        }
        return keys;
    }

    private async Task<IssuedApiKey> InsertKeyAsync(NpgsqlTransaction tx, Guid connectorId, string key, CancellationToken ct)
    {
        var keyId = Guid.CreateVersion7();
        var version = hasher.CurrentVersion;
        var prefix = ApiKey.DisplayPrefix(key);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO connector_api_keys (id, connector_id, key_hash, pepper_version, key_prefix)
            VALUES ($1, $2, $3, $4, $5)
            """, tx.Connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = keyId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = connectorId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = hasher.Hash(key, version) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = version });
        cmd.Parameters.Add(new NpgsqlParameter { Value = prefix });
        await cmd.ExecuteNonQueryAsync(ct);
        return new IssuedApiKey(connectorId, keyId, key, prefix, version);
    }

    private static DateTimeOffset? NullableTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
