namespace Autri.Domain.OAuth;

/// <summary>A signing key as the schedule sees it: when it was made and from when it signs.</summary>
public sealed record ScheduledKey(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt);

/// <summary>
/// When the authorization server makes, uses, publishes and forgets signing keys. A new key is made
/// <see cref="Lead"/> before the active one reaches <see cref="RotationAge"/> and published at once, but it
/// signs only from its activation time, so every portal instance (each re-reads the keys at least once per
/// lead) and every MCP server's JWKS cache knows it before the first token it signs. A replaced key stays
/// published until every token it signed has expired (<see cref="Retention"/> after its successor activated),
/// then it is deleted.
/// </summary>
public sealed record SigningKeySchedule(TimeSpan RotationAge, TimeSpan Lead, TimeSpan Retention)
{
    /// <summary>The key that signs at <paramref name="now"/>: the latest activated one (or, before any is active, the oldest).</summary>
    public ScheduledKey? Active(IReadOnlyCollection<ScheduledKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.ActivatesAt <= now).MaxBy(k => k.ActivatesAt) ?? keys.MinBy(k => k.ActivatesAt);

    /// <summary>Whether a new key must be made now, and from when it would sign.</summary>
    public DateTimeOffset? NextKeyActivation(IReadOnlyCollection<ScheduledKey> keys, DateTimeOffset now)
    {
        if (keys.Count == 0) return now;
        var newest = keys.MaxBy(k => k.ActivatesAt)!;
        if (newest.ActivatesAt > now) return null; // the next key is already waiting for its turn
        return newest.ActivatesAt + RotationAge - Lead <= now ? now + Lead : null;
    }

    /// <summary>Keys no token can still need: replaced by a key that has been active for longer than <see cref="Retention"/>.</summary>
    public IReadOnlyList<ScheduledKey> Expired(IReadOnlyCollection<ScheduledKey> keys, DateTimeOffset now)
    {
        var ordered = keys.OrderBy(k => k.ActivatesAt).ToList();
        var expired = new List<ScheduledKey>();
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            var successor = ordered[i + 1];
            if (successor.ActivatesAt <= now && successor.ActivatesAt + Retention <= now) expired.Add(ordered[i]);
        }
        return expired;
    }
}
