using Autri.Infra.Allowlist;

namespace Autri.Infra.Connectors.McpAccess;

/// <summary>
/// Looks connectors up by id (the token's connector_id claim) or by OAuth client id, caching each answer for
/// <paramref name="cacheFor"/> (the MCP server's <c>Mcp:RevocationCacheSeconds</c>, at most 30 s): the longest a revoked connector can keep calling on an
/// instance, while the common case costs no query. Unknown connectors are cached briefly too, so a client
/// retrying a deleted connector does not query per call. The cache is bounded; when full it is emptied.
/// </summary>
public sealed class ConnectorDirectory(NpgsqlDataSource db, TimeSpan cacheFor, TimeProvider clock)
{
    private const int MaxEntries = 100_000;
    // The client a token must come from: the identity provider's client of an OAuth-client connector, the authorization
    // server's client of an app-access one.
    // Whether the owner is still invited (OwnerSuspensions): a suspension reaches this server within the cache's lifetime.
    private const string Columns = "c.id, c.org_id, c.library_id, c.kind, COALESCE(c.client_id, c.oauth_client_id), c.revoked_at IS NOT NULL, c.expires_at, "
        + OwnerSuspensions.OwnerInvited;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly long _ttlTicks = cacheFor.Ticks;
    private readonly long _negativeTtlTicks = Math.Min(TimeSpan.FromSeconds(5).Ticks, cacheFor.Ticks);

    public Task<ConnectorAccess?> FindByIdAsync(Guid id, CancellationToken ct) =>
        FindAsync("id:" + id.ToString("N"), $"SELECT {Columns} FROM connectors c WHERE c.id = $1", id, ct);

    public Task<ConnectorAccess?> FindByClientIdAsync(string clientId, CancellationToken ct) =>
        FindAsync("client:" + clientId, $"SELECT {Columns} FROM connectors c WHERE c.client_id = $1", clientId, ct);

    /// <summary>Forgets everything cached (tests; an operator after a mass revocation).</summary>
    public void Clear() => _cache.Clear();

    private async Task<ConnectorAccess?> FindAsync<T>(string key, string sql, T value, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (_cache.TryGetValue(key, out var hit) && hit.ExpiresAtTicks > now) return hit.State;

        ConnectorAccess? state = null;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var cmd = new NpgsqlCommand(sql, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
            await cmd.PrepareAsync(ct);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                state = new ConnectorAccess(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), ConnectorKinds.FromDb(r.GetString(3)),
                    r.IsDBNull(4) ? null : r.GetString(4), r.GetBoolean(5),
                    r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.GetBoolean(7));
            }
        }

        var ttl = state is null ? _negativeTtlTicks : _ttlTicks;
        if (ttl > 0)
        {
            if (_cache.Count >= MaxEntries) _cache.Clear();
            _cache[key] = new Entry(state, now + ttl);
        }
        return state;
    }

    private sealed record Entry(ConnectorAccess? State, long ExpiresAtTicks);
}
