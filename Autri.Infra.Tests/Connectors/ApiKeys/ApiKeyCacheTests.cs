namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class ApiKeyCacheTests
{
    private static HashKey RandomHash() => HashKey.From(RandomNumberGenerator.GetBytes(32));

    private static ApiKeyRecord Record(Guid connectorId) =>
        new(Guid.NewGuid(), connectorId, Guid.NewGuid(), Guid.NewGuid(), revoked: false, expiresAt: null, ownerInvited: true);

    [Fact]
    public void Garbage_keys_never_grow_the_cache_past_its_cap()
    {
        var cache = new ApiKeyCache(new ApiKeyOptions { CacheMaxEntries = 1000 }, ManualClock.Stopped());

        for (var i = 0; i < 50_000; i++) cache.Add(RandomHash(), null);

        Assert.InRange(cache.Count, 1, 1000);
    }

    [Fact]
    public void When_full_unknown_keys_are_evicted_before_known_ones()
    {
        var cache = new ApiKeyCache(new ApiKeyOptions { CacheMaxEntries = 100 }, ManualClock.Stopped());
        var known = Enumerable.Range(0, 50).Select(_ => (Hash: RandomHash(), Record: Record(Guid.NewGuid()))).ToList();
        foreach (var (hash, record) in known) cache.Add(hash, record);

        for (var i = 0; i < 1000; i++) cache.Add(RandomHash(), null);

        Assert.All(known, k => Assert.True(cache.TryGet(k.Hash, out var found) && found == k.Record));
    }

    [Fact]
    public void When_full_expired_entries_are_evicted_first()
    {
        var clock = ManualClock.Stopped();
        var cache = new ApiKeyCache(new ApiKeyOptions { CacheMaxEntries = 100 }, clock);
        for (var i = 0; i < 100; i++) cache.Add(RandomHash(), Record(Guid.NewGuid()));
        clock.Advance(TimeSpan.FromSeconds(30));
        var fresh = RandomHash();
        var freshRecord = Record(Guid.NewGuid());

        cache.Add(fresh, freshRecord);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(fresh, out var found));
        Assert.Same(freshRecord, found);
    }

    [Fact]
    public void Unknown_keys_are_kept_for_the_shorter_negative_ttl()
    {
        var clock = ManualClock.Stopped();
        var cache = new ApiKeyCache(new ApiKeyOptions { CacheSeconds = 30, NegativeCacheSeconds = 5 }, clock);
        var unknown = RandomHash();
        var known = RandomHash();
        cache.Add(unknown, null);
        cache.Add(known, Record(Guid.NewGuid()));

        clock.Advance(TimeSpan.FromSeconds(4));
        var unknownAt4 = cache.TryGet(unknown, out _);
        clock.Advance(TimeSpan.FromSeconds(1));
        var unknownAt5 = cache.TryGet(unknown, out _);
        var knownAt5 = cache.TryGet(known, out _);
        clock.Advance(TimeSpan.FromSeconds(25));
        var knownAt30 = cache.TryGet(known, out _);

        Assert.True(unknownAt4);
        Assert.False(unknownAt5);
        Assert.True(knownAt5);
        Assert.False(knownAt30);
    }

    [Fact]
    public void Invalidate_drops_only_that_connectors_entries()
    {
        var cache = new ApiKeyCache(new ApiKeyOptions(), ManualClock.Stopped());
        var target = Guid.NewGuid();
        var (a, b, other) = (RandomHash(), RandomHash(), RandomHash());
        cache.Add(a, Record(target));
        cache.Add(b, Record(target));
        cache.Add(other, Record(Guid.NewGuid()));

        cache.Invalidate(target);

        Assert.False(cache.TryGet(a, out _));
        Assert.False(cache.TryGet(b, out _));
        Assert.True(cache.TryGet(other, out _));
        Assert.Equal(1, cache.Count);
    }
}
