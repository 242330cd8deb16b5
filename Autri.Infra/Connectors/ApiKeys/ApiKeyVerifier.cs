namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// Decides whether a presented API key may call the MCP server, and for which org and library.
/// <list type="number">
/// <item>Format and checksum, offline: garbage, truncated keys and typos never reach the database.</item>
/// <item>HMAC under the current pepper, looked up in <see cref="ApiKeyReplica"/> while it is current (every key, kept
/// current from Postgres: no query), then under the other pepper versions.</item>
/// <item>Not there (a key issued a moment ago, an unknown one, or a replica that is off or stale): the HMAC looked up in
/// <see cref="ApiKeyCache"/>, and on a miss one prepared query for the HMACs under every configured pepper version.</item>
/// </list>
/// The plaintext key is never compared with anything: the database finds the row by HMAC (an index
/// lookup an attacker cannot steer without the pepper), and the one comparison of secret values, the
/// stored hash against the HMAC under the row's own pepper version, is constant-time.
/// Database errors propagate: the caller answers 503, never "valid".
/// </summary>
public sealed class ApiKeyVerifier(
    ApiKeyHasher hasher, ApiKeyCache cache, ApiKeyLookup lookup, LastUseRecorder lastUse, TimeProvider clock, ApiKeyReplica? replica = null)
{
    public Task<ApiKeyVerification> VerifyAsync(string presentedKey, CancellationToken ct)
    {
        if (!ApiKey.TryParse(presentedKey, out var problem)) return Task.FromResult(ApiKeyVerification.Malformed(problem));

        Span<byte> current = stackalloc byte[ApiKeyHasher.HashLength];
        hasher.Hash(presentedKey, hasher.CurrentVersion, current);
        var cacheKey = HashKey.From(current);
        // The replica first: it sees a revocation within a second, where a cached verdict may be up to CacheSeconds old.
        if (replica is { IsCurrent: true } && FindInReplica(presentedKey, cacheKey) is { } known) return Task.FromResult(known);
        if (cache.TryGet(cacheKey, out var cached)) return Task.FromResult(Decide(cached));
        return LookUpAsync(presentedKey, current.ToArray(), cacheKey, ct);
    }

    private ApiKeyVerification? FindInReplica(string key, HashKey current)
    {
        var versions = hasher.Versions; // current first
        if (replica!.TryGet(current, versions[0], out var record, out var ownerInvited)) return Decide(record, ownerInvited);
        if (versions.Count == 1) return null;
        Span<byte> hash = stackalloc byte[ApiKeyHasher.HashLength];
        for (var i = 1; i < versions.Count; i++)
        {
            hasher.Hash(key, versions[i], hash);
            if (replica.TryGet(HashKey.From(hash), versions[i], out record, out ownerInvited)) return Decide(record, ownerInvited);
        }
        return null;
    }

    /// <summary>Forgets what this process cached for a connector (call after revoking or rotating it here).</summary>
    public void Invalidate(Guid connectorId) => cache.Invalidate(connectorId);

    private async Task<ApiKeyVerification> LookUpAsync(string key, byte[] current, HashKey cacheKey, CancellationToken ct)
    {
        var versions = hasher.Versions; // current first
        var candidates = new byte[versions.Count][];
        candidates[0] = current;
        for (var i = 1; i < versions.Count; i++) candidates[i] = hasher.Hash(key, versions[i]);

        ApiKeyRecord? found = null;
        foreach (var row in await lookup.FindAsync(candidates, ct))
        {
            var index = IndexOf(versions, row.PepperVersion);
            if (index < 0 || !CryptographicOperations.FixedTimeEquals(row.KeyHash, candidates[index])) continue;
            found = new ApiKeyRecord(row.KeyId, row.ConnectorId, row.OrgId, row.LibraryId, row.Revoked, row.ExpiresAt, row.OwnerInvited);
            break;
        }
        cache.Add(cacheKey, found);
        return Decide(found);
    }

    private ApiKeyVerification Decide(ApiKeyRecord? record) =>
        record is null ? ApiKeyVerification.Unknown : Decide(record, record.OwnerInvited);

    private ApiKeyVerification Decide(ApiKeyRecord record, bool ownerInvited)
    {
        var result = record.Decide(clock.GetUtcNow(), ownerInvited);
        if (result.IsValid) lastUse.Record(record.KeyId);
        return result;
    }

    private static int IndexOf(IReadOnlyList<int> versions, int version)
    {
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i] == version) return i;
        }
        return -1;
    }
}
