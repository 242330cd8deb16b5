using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// Every API key's hash and what decides its fate (its connector's revocation and expiry, its owner's suspension), held
/// in this process and kept current from Postgres by <see cref="ApiKeyFeed"/>, so verifying a key this instance has
/// not seen before is a dictionary probe instead of a query (bench/api-keys: a query per key cannot come near the
/// round-trip floor).
/// <para>
/// It answers only while it is current: loaded, and caught up with a read that began less than
/// <c>ApiKeys:CacheSeconds</c> ago (the same bound as the cache: the longest a revoked key may keep working here). A
/// feed cut off from Postgres therefore stops it answering, and verification falls back to the cache and one query.
/// A key it does not hold (issued a moment ago, or not a key at all) is looked up in Postgres as before.
/// </para>
/// <para>
/// Bounded by <c>ApiKeys:ReplicaMaxKeys</c>: with more keys than that it is not loaded and every cold key is queried.
/// Like the cache it is keyed by HMAC, never by the key; probing it is not constant-time and need not be.
/// </para>
/// </summary>
public sealed class ApiKeyReplica
{
    private readonly TimeProvider _clock;
    private readonly long _staleAfterTicks;
    private volatile State _state = State.Empty;
    private long _currentUntilTicks;

    public ApiKeyReplica(ApiKeyOptions options, TimeProvider clock)
    {
        _clock = clock;
        _staleAfterTicks = TimeSpan.FromSeconds(options.CacheSeconds).Ticks;
        MaxKeys = options.ReplicaMaxKeys;
    }

    /// <summary>Off when <c>ApiKeys:ReplicaMaxKeys</c> or <c>ApiKeys:CacheSeconds</c> is 0.</summary>
    public bool Enabled => MaxKeys > 0 && _staleAfterTicks > 0;

    public int MaxKeys { get; }

    /// <summary>Keys held now.</summary>
    public int Count => _state.ByHash.Count;

    /// <summary>Whether it speaks for Postgres now (see the class remarks).</summary>
    public bool IsCurrent => _clock.GetUtcNow().UtcTicks < Volatile.Read(ref _currentUntilTicks);

    /// <summary>The key whose stored hash (under <paramref name="pepperVersion"/>) is <paramref name="hash"/>, with whether its owner is invited now.</summary>
    internal bool TryGet(HashKey hash, int pepperVersion, [NotNullWhen(true)] out ApiKeyRecord? record, out bool ownerInvited)
    {
        var state = _state;
        if (state.ByHash.TryGetValue(hash, out var key) && key.PepperVersion == pepperVersion)
        {
            record = key.Record;
            ownerInvited = !state.SuspendedOwners.Contains(key.OwnerId);
            return true;
        }
        record = null;
        ownerInvited = false;
        return false;
    }

    /// <summary>Replaces everything with a full read that began at <paramref name="readAt"/>.</summary>
    internal void Load(IReadOnlyCollection<ReplicaKey> keys, IReadOnlyCollection<Guid> suspendedOwners, DateTimeOffset readAt)
    {
        if (keys.Count > MaxKeys) throw new ReplicaTooLargeException(keys.Count, MaxKeys);
        var state = new State(new ConcurrentDictionary<HashKey, ReplicaKey>(), new ConcurrentDictionary<Guid, HashKey>(), suspendedOwners.ToFrozenSet());
        foreach (var key in keys) state.Put(key);
        _state = state;
        MarkCurrent(readAt);
    }

    /// <summary>Applies what changed since the last read; <paramref name="readAt"/> is when this read began.</summary>
    /// <remarks>One writer (the feed); readers see each key either before or after its change.</remarks>
    internal void Apply(IReadOnlyList<ReplicaKey> written, IReadOnlyList<Guid> deletedKeyIds, IReadOnlyCollection<Guid> suspendedOwners, DateTimeOffset readAt)
    {
        var state = _state;
        foreach (var id in deletedKeyIds) state.Remove(id);
        foreach (var key in written) state.Put(key);
        if (!state.SuspendedOwners.SetEquals(suspendedOwners)) state.SuspendedOwners = suspendedOwners.ToFrozenSet();
        if (state.ByHash.Count > MaxKeys)
        {
            MarkStale();
            throw new ReplicaTooLargeException(state.ByHash.Count, MaxKeys);
        }
        MarkCurrent(readAt);
    }

    /// <summary>Stops answering until the next load (the feed lost Postgres, or the keys outgrew the bound).</summary>
    internal void MarkStale() => Volatile.Write(ref _currentUntilTicks, 0);

    private void MarkCurrent(DateTimeOffset readAt) => Volatile.Write(ref _currentUntilTicks, readAt.UtcTicks + _staleAfterTicks);

    private sealed class State(ConcurrentDictionary<HashKey, ReplicaKey> byHash, ConcurrentDictionary<Guid, HashKey> hashById, FrozenSet<Guid> suspendedOwners)
    {
        public static readonly State Empty = new(new(), new(), FrozenSet<Guid>.Empty);

        public ConcurrentDictionary<HashKey, ReplicaKey> ByHash { get; } = byHash;

        public volatile FrozenSet<Guid> SuspendedOwners = suspendedOwners;

        public void Put(ReplicaKey key)
        {
            // A key's hash does not change in practice, but if a row were rewritten, its old hash must not stay valid.
            if (hashById.TryGetValue(key.KeyId, out var old) && old != key.Hash) ByHash.TryRemove(old, out _);
            hashById[key.KeyId] = key.Hash;
            ByHash[key.Hash] = key;
        }

        public void Remove(Guid keyId)
        {
            if (hashById.TryRemove(keyId, out var hash)) ByHash.TryRemove(hash, out _);
        }
    }
}

/// <summary>One key as the replica holds it: <see cref="Record"/> says everything but whether its owner is invited.</summary>
internal sealed record ReplicaKey(Guid OwnerId, int PepperVersion, HashKey Hash, ApiKeyRecord Record)
{
    public Guid KeyId => Record.KeyId;
}

internal sealed class ReplicaTooLargeException(int keys, int max)
    : Exception($"{keys} API keys are more than ApiKeys:ReplicaMaxKeys ({max}): cold keys are looked up in Postgres one query each.");
