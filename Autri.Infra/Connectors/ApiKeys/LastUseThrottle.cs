namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// Lets each key's last use through at most once per <see cref="Interval"/> in this process; the UPDATE's
/// own guard does the same across instances.
/// </summary>
internal sealed class LastUseThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, long> _lastLetThrough = new();

    public bool ShouldRecord(Guid keyId)
    {
        var now = clock.GetUtcNow().UtcTicks;
        while (true)
        {
            // Losing the add to another thread means that thread records this use: we do not.
            if (!_lastLetThrough.TryGetValue(keyId, out var last)) return _lastLetThrough.TryAdd(keyId, now);
            if (now - last < Interval.Ticks) return false;
            if (_lastLetThrough.TryUpdate(keyId, now, last)) return true;
            // another thread let this key through just now: look again
        }
    }

    /// <summary>Forgets keys not seen for an interval, so memory follows the keys in use, not all keys ever seen.</summary>
    public void Prune()
    {
        var cutoff = clock.GetUtcNow().UtcTicks - Interval.Ticks;
        foreach (var pair in _lastLetThrough)
        {
            if (pair.Value < cutoff) _lastLetThrough.TryRemove(pair);
        }
    }

    public int Count => _lastLetThrough.Count;
}
