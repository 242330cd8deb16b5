namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// Keeps what Postgres said about a key for <c>ApiKeys:CacheSeconds</c> (≤ 30 s, the longest a revoked key
/// may keep working on another instance) so the MCP server does not query per call. Unknown keys are
/// remembered too, for <c>ApiKeys:NegativeCacheSeconds</c>, so a client retrying a dead key does not
/// hit the database each time.
/// <para>
/// Keyed by the HMAC under the current pepper, never by the key. Looking an HMAC up in a dictionary is
/// not constant-time, and need not be: without the pepper nobody can choose inputs whose HMACs probe it.
/// </para>
/// <para>
/// Bounded by <c>ApiKeys:CacheMaxEntries</c>: random well-formed garbage keys must not grow memory without
/// limit. When full, expired entries go first, then unknown-key entries, then any, down to 90%.
/// </para>
/// </summary>
public sealed class ApiKeyCache
{
    private readonly ConcurrentDictionary<HashKey, Entry> _entries = new();
    private readonly TimeProvider _clock;
    private readonly long _ttlTicks;
    private readonly long _negativeTtlTicks;
    private readonly int _maxEntries;
    private int _count;
    private int _sweeping;

    public ApiKeyCache(ApiKeyOptions options, TimeProvider clock)
    {
        _clock = clock;
        _ttlTicks = TimeSpan.FromSeconds(options.CacheSeconds).Ticks;
        _negativeTtlTicks = TimeSpan.FromSeconds(Math.Min(options.NegativeCacheSeconds, options.CacheSeconds)).Ticks;
        _maxEntries = options.CacheMaxEntries;
    }

    /// <summary>Entries held now (approximate under concurrent writes).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Drops every cached entry of a connector, e.g. after revoking or rotating it in this process.</summary>
    public void Invalidate(Guid connectorId)
    {
        // A scan: invalidation is a rare user action, lookups are the hot path and stay a single probe.
        foreach (var pair in _entries)
        {
            if (pair.Value.Record?.ConnectorId == connectorId && _entries.TryRemove(pair)) Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Drops everything (tests, or an operator clearing state).</summary>
    public void Clear()
    {
        _entries.Clear();
        Volatile.Write(ref _count, 0);
    }

    /// <param name="record">null when the key is unknown.</param>
    internal bool TryGet(HashKey key, out ApiKeyRecord? record)
    {
        record = null;
        if (!_entries.TryGetValue(key, out var entry)) return false;
        if (entry.ExpiresAtTicks <= Now())
        {
            if (_entries.TryRemove(new KeyValuePair<HashKey, Entry>(key, entry))) Interlocked.Decrement(ref _count);
            return false;
        }
        record = entry.Record;
        return true;
    }

    internal void Add(HashKey key, ApiKeyRecord? record)
    {
        var ttl = record is null ? _negativeTtlTicks : _ttlTicks;
        if (ttl == 0) return;
        var entry = new Entry(record, Now() + ttl);
        if (_entries.TryAdd(key, entry))
        {
            if (Interlocked.Increment(ref _count) > _maxEntries) Shrink();
        }
        else
        {
            _entries[key] = entry;
        }
    }

    private void Shrink()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1) return; // one sweeper at a time; others just add
        try
        {
            var target = _maxEntries - _maxEntries / 10;
            var now = Now();
            RemoveWhere(e => e.ExpiresAtTicks <= now, target: 0);
            RemoveWhere(e => e.Record is null, target);
            RemoveWhere(_ => true, target);
            Volatile.Write(ref _count, _entries.Count); // re-sync the counter the races may have skewed
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private void RemoveWhere(Func<Entry, bool> predicate, int target)
    {
        foreach (var pair in _entries)
        {
            if (Volatile.Read(ref _count) <= target) return;
            if (predicate(pair.Value) && _entries.TryRemove(pair)) Interlocked.Decrement(ref _count);
        }
    }

    private long Now() => _clock.GetUtcNow().UtcTicks;

    private sealed record Entry(ApiKeyRecord? Record, long ExpiresAtTicks);
}
