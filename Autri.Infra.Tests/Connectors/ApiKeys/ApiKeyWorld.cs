namespace Autri.Infra.Tests.Connectors.ApiKeys;

/// <summary>
/// A fresh migrated database with one user, org and library for the connectors' foreign keys, a manual
/// clock, and peppers 1 and 2. <see cref="Instance"/> builds the API-key services as one process would;
/// call it twice for two instances sharing the database.
/// </summary>
internal sealed class ApiKeyWorld : IAsyncDisposable
{
    private readonly List<ApiKeyLookup> _lookups = [];
    private readonly List<ApiKeyFeed> _feeds = [];

    private ApiKeyWorld(NpgsqlDataSource db) => Db = db;

    public NpgsqlDataSource Db { get; }

    public ManualClock Clock { get; } = ManualClock.Stopped();

    public Guid UserId { get; } = Guid.NewGuid();

    public Guid OrgId { get; } = Guid.NewGuid();

    public Guid LibraryId { get; } = Guid.NewGuid();

    public Dictionary<int, string> Peppers { get; } = new()
    {
        [1] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        [2] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    public static async Task<ApiKeyWorld> CreateAsync()
    {
        var world = new ApiKeyWorld(NpgsqlDataSource.Create(await TestDatabase.NewAsync("keys")));
        await new Migrator(world.Db).ApplyAsync();
        await using var cmd = world.Db.CreateCommand("""
            INSERT INTO users (id, subject, email) VALUES (@user, 'sub-' || @user::text, @user::text || '@example.test');
            INSERT INTO orgs (id, name, personal_of) VALUES (@org, 'Test org', @user);
            INSERT INTO org_members (org_id, user_id, role) VALUES (@org, @user, 'owner');
            INSERT INTO libraries (id, org_id, name) VALUES (@library, @org, 'Test library');
            """);
        cmd.Parameters.AddWithValue("user", world.UserId);
        cmd.Parameters.AddWithValue("org", world.OrgId);
        cmd.Parameters.AddWithValue("library", world.LibraryId);
        await cmd.ExecuteNonQueryAsync();
        return world;
    }

    /// <summary>Options with the given pepper versions configured and the last one current.</summary>
    public ApiKeyOptions Options(params int[] versions)
    {
        versions = versions.Length == 0 ? [1] : versions;
        return new ApiKeyOptions
        {
            Peppers = versions.ToDictionary(v => v.ToString(), v => Peppers[v]),
            CurrentPepperVersion = versions[^1],
        };
    }

    /// <param name="db">Where the instance's lookups and writes go (a broken data source proves a path makes no query).</param>
    /// <param name="replica">A replica the verifier consults (see <see cref="StartFeedAsync"/>); none by default, as in the portal.</param>
    public Instance NewInstance(ApiKeyOptions? options = null, NpgsqlDataSource? db = null, ApiKeyReplica? replica = null)
    {
        options ??= Options(1);
        db ??= Db;
        var hasher = new ApiKeyHasher(options);
        var cache = new ApiKeyCache(options, Clock);
        var recorder = new LastUseRecorder(db, Clock, NullLogger<LastUseRecorder>.Instance);
        var lookup = new ApiKeyLookup(db, Clock);
        _lookups.Add(lookup);
        return new Instance(
            hasher, cache, recorder,
            new ApiKeyVerifier(hasher, cache, lookup, recorder, Clock, replica),
            new ApiKeyIssuer(db, hasher, cache, Clock));
    }

    /// <summary>A replica fed from this world's database, as the MCP server runs it; returns once its first load is in.</summary>
    public async Task<(ApiKeyReplica Replica, ApiKeyFeed Feed)> StartFeedAsync(ApiKeyOptions? options = null)
    {
        var replica = new ApiKeyReplica(options ?? Options(1), Clock);
        var feed = new ApiKeyFeed(Db, replica, Clock, NullLogger<ApiKeyFeed>.Instance);
        _feeds.Add(feed);
        await feed.StartAsync(CancellationToken.None);
        await Eventually.WithinAsync(TimeSpan.FromSeconds(30), "the replica's first load", () => Task.FromResult(replica.IsCurrent));
        return (replica, feed);
    }

    /// <summary>How most tests start: one instance, and a key it issued for a new connector.</summary>
    public async Task<(Instance App, IssuedApiKey Key)> NewInstanceWithKeyAsync()
    {
        var app = NewInstance();
        return (app, await app.Issuer.IssueAsync(Connector()));
    }

    public NewApiKeyConnector Connector(string name = "Claude Desktop", DateTimeOffset? expiresAt = null) =>
        new(OrgId, UserId, LibraryId, name, expiresAt);

    public async Task ExecAsync(string sql, params object[] values)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var feed in _feeds) await feed.StopAsync(CancellationToken.None);
        foreach (var lookup in _lookups) await lookup.DisposeAsync(); // they keep connections open
        await Db.DisposeAsync();
    }

    public sealed record Instance(
        ApiKeyHasher Hasher, ApiKeyCache Cache, LastUseRecorder LastUse, ApiKeyVerifier Verifier, ApiKeyIssuer Issuer)
    {
        public Task<ApiKeyVerification> VerifyAsync(string key) => Verifier.VerifyAsync(key, CancellationToken.None);
    }
}
