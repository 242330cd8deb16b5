namespace Autri.Infra.Tests.Costs;

public sealed class CostCacheTests : IAsyncLifetime
{
    private static readonly CacheKey Key = CacheKey.For("test-view", new { Start = "2025-03-01", End = "2025-03-04" });
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 3, 4, 1, 0, 0, TimeSpan.Zero));
    private string _connection = "";
    private NpgsqlDataSource _db = null!;
    private int _fetches;

    public async Task InitializeAsync()
    {
        _connection = await TestDatabase.NewAsync("costcache");
        _db = NpgsqlDataSource.Create(_connection);
        await new Migrator(_db).ApplyAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private CostCache Cache(NpgsqlDataSource? db = null) =>
        new(db ?? _db, Options.Create(new CostsOptions()), _clock, NullLogger<CostCache>.Instance);

    private async Task<Answer> Fetch(CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _fetches);
        await Task.Delay(50, ct); // a window in which other readers miss too
        return new Answer(n);
    }

    private static Func<CancellationToken, Task<Answer>> Failing(string code) =>
        _ => throw new AwsServiceException("ce", "GetCostAndUsage", code, "Rate exceeded", 400, "req-1", isRetryable: true);

    [Fact]
    public async Task Reads_within_six_hours_never_fetch_and_the_first_read_after_does()
    {
        var cache = Cache();

        var first = await cache.GetAsync(Key, Fetch, default);
        for (var i = 0; i < 99; i++) await cache.GetAsync(Key, Fetch, default);
        _clock.Advance(TimeSpan.FromHours(5.9));
        var stillCached = await cache.GetAsync(Key, Fetch, default);
        _clock.Advance(TimeSpan.FromHours(0.1));
        var refetched = await cache.GetAsync(Key, Fetch, default);

        Assert.True(first.FetchedNow);
        Assert.Equal(1, stillCached.Value!.Number);
        Assert.False(stillCached.FetchedNow);
        Assert.Equal(first.FetchedAt, stillCached.FetchedAt);
        Assert.Equal(2, refetched.Value!.Number);
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task Two_instances_missing_the_cache_at_once_make_one_fetch()
    {
        await using var otherDb = NpgsqlDataSource.Create(_connection);
        var (a, b) = (Cache(), Cache(otherDb));

        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).GetAsync(Key, Fetch, default)));

        Assert.Equal(1, _fetches);
        Assert.All(reads, r => Assert.Equal(1, r.Value!.Number));
    }

    [Fact]
    public async Task The_cache_outlives_the_instance_that_filled_it()
    {
        await Cache().GetAsync(Key, Fetch, default);
        await using var restartedDb = NpgsqlDataSource.Create(_connection);

        var afterRestart = await Cache(restartedDb).GetAsync(Key, Fetch, default);

        Assert.Equal(1, afterRestart.Value!.Number);
        Assert.Equal(1, _fetches);
    }

    [Fact]
    public async Task A_failed_fetch_keeps_the_last_good_value_reports_the_error_and_is_not_retried_for_fifteen_minutes()
    {
        var cache = Cache();
        var good = await cache.GetAsync(Key, Fetch, default);
        _clock.Advance(TimeSpan.FromHours(7));

        var failed = await cache.GetAsync(Key, Failing("ThrottlingException"), default);
        _clock.Advance(TimeSpan.FromMinutes(14));
        var meanwhile = await cache.GetAsync(Key, Fetch, default);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var recovered = await cache.GetAsync(Key, Fetch, default);

        Assert.Equal(1, failed.Value!.Number);
        Assert.Equal(good.FetchedAt, failed.FetchedAt);
        Assert.Equal("ThrottlingException", failed.Error!.Code);
        Assert.Equal("Rate exceeded", failed.Error.Message);
        Assert.Equal(1, meanwhile.Value!.Number);
        Assert.Equal("ThrottlingException", meanwhile.Error!.Code);
        Assert.Equal(2, recovered.Value!.Number);
        Assert.Null(recovered.Error);
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task A_first_ever_failure_has_no_value_and_says_which_error_and_when()
    {
        var cache = Cache();

        var result = await cache.GetAsync(Key, Failing("AccessDeniedException"), default);
        var again = await cache.GetAsync(Key, Fetch, default);

        Assert.False(result.HasValue);
        Assert.Null(result.FetchedAt);
        Assert.Equal("AccessDeniedException", result.Error!.Code);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, result.Error.At.UtcDateTime, TimeSpan.FromSeconds(5));
        Assert.False(again.HasValue);
        Assert.Equal(0, _fetches);
    }

    [Fact]
    public async Task A_manual_refresh_is_refused_within_fifteen_minutes_of_the_last_fetch_and_allowed_after()
    {
        var cache = Cache();
        var first = await cache.GetAsync(Key, Fetch, default);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var tooSoon = await cache.RefreshAsync(Key, Fetch, default);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var allowed = await cache.RefreshAsync(Key, Fetch, default);

        Assert.Equal(RefreshOutcome.TooSoon, tooSoon.Outcome);
        Assert.Equal(first.FetchedAt!.Value.AddMinutes(15), tooSoon.NextAllowedAt);
        Assert.Equal(1, tooSoon.Current.Value!.Number);
        Assert.Equal(RefreshOutcome.Refreshed, allowed.Outcome);
        Assert.Equal(2, allowed.Current.Value!.Number);
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task Simultaneous_refreshes_from_two_instances_fetch_once()
    {
        await using var otherDb = NpgsqlDataSource.Create(_connection);
        await Cache().GetAsync(Key, Fetch, default);
        _clock.Advance(TimeSpan.FromMinutes(20));

        var results = await Task.WhenAll(Cache().RefreshAsync(Key, Fetch, default), Cache(otherDb).RefreshAsync(Key, Fetch, default));

        Assert.Equal([RefreshOutcome.Refreshed, RefreshOutcome.TooSoon], results.Select(r => r.Outcome).Order());
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_data_and_counts_as_an_attempt()
    {
        var cache = Cache();
        await cache.GetAsync(Key, Fetch, default);
        _clock.Advance(TimeSpan.FromMinutes(30));

        var failed = await cache.RefreshAsync(Key, Failing("InternalServerError"), default);
        var retry = await cache.RefreshAsync(Key, Fetch, default);

        Assert.Equal(RefreshOutcome.Failed, failed.Outcome);
        Assert.Equal(1, failed.Current.Value!.Number);
        Assert.Equal("InternalServerError", failed.Current.Error!.Code);
        Assert.Equal(RefreshOutcome.TooSoon, retry.Outcome);
        Assert.Equal(1, _fetches);
    }

    [Fact]
    public async Task Entries_are_keyed_by_view_and_parameters_and_old_days_are_pruned()
    {
        var cache = Cache();
        var yesterday = CacheKey.For("test-view", new { Start = "2025-03-01", End = "2025-03-03" });
        await cache.GetAsync(yesterday, Fetch, default);
        _clock.Advance(TimeSpan.FromDays(8));

        await cache.GetAsync(Key, Fetch, default);

        Assert.NotEqual(yesterday.Key, Key.Key);
        Assert.StartsWith("test-view:", Key.Key);
        Assert.Equal(2, _fetches);
        await using var conn = await _db.OpenConnectionAsync();
        Assert.Equal([Key.Key], await conn.QueryAsync<string>("SELECT key FROM cost_cache"));
        Assert.Equal("2025-03-01", await conn.ExecuteScalarAsync<string>("SELECT parameters->>'Start' FROM cost_cache"));
    }

    private sealed record Answer(int Number);
}
