namespace Autri.Domain.Costs;

/// <summary>
/// When cached cost data is served and when AWS is asked again. Within <see cref="Ttl"/> of a good fetch nothing
/// is asked. After a failed fetch nothing is asked for <see cref="MinRefreshInterval"/> either (the last good data
/// is served with the error), so an outage or throttling is not answered with a request per page view. A manual
/// refresh is allowed once per <see cref="MinRefreshInterval"/> after the last attempt, good or failed.
/// </summary>
public sealed record CachePolicy(TimeSpan Ttl, TimeSpan MinRefreshInterval)
{
    public bool IsFresh(DateTimeOffset? fetchedAt, DateTimeOffset now) => fetchedAt is { } f && now - f < Ttl;

    public bool IsBackingOff(DateTimeOffset? lastErrorAt, DateTimeOffset now) => lastErrorAt is { } e && now - e < MinRefreshInterval;

    /// <summary>True when a read must call AWS: the data is missing or older than the TTL, and no recent failure.</summary>
    public bool MustFetch(DateTimeOffset? fetchedAt, DateTimeOffset? lastErrorAt, DateTimeOffset now) =>
        !IsFresh(fetchedAt, now) && !IsBackingOff(lastErrorAt, now);

    /// <summary>The earliest time a manual refresh is allowed; null when nothing was ever attempted.</summary>
    public DateTimeOffset? NextManualRefresh(DateTimeOffset? fetchedAt, DateTimeOffset? lastErrorAt)
    {
        DateTimeOffset? last = fetchedAt is null ? lastErrorAt : lastErrorAt is null ? fetchedAt : (fetchedAt > lastErrorAt ? fetchedAt : lastErrorAt);
        return last + MinRefreshInterval;
    }

    public bool CanRefreshManually(DateTimeOffset? fetchedAt, DateTimeOffset? lastErrorAt, DateTimeOffset now) =>
        NextManualRefresh(fetchedAt, lastErrorAt) is not { } next || now >= next;
}
