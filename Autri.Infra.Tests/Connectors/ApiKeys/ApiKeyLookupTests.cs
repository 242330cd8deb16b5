namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class ApiKeyLookupTests
{
    [Fact]
    public async Task A_concurrent_burst_of_cold_lookups_gives_each_caller_its_own_answer()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var portal = world.NewInstance();
        var valid = new List<IssuedApiKey>();
        for (var i = 0; i < 60; i++) valid.Add(await portal.Issuer.IssueAsync(world.Connector($"c{i}")));
        var revoked = valid[^1];
        await world.ExecAsync("UPDATE connectors SET revoked_at = now() WHERE id = $1", revoked.ConnectorId);
        var expected = valid.Take(59).Select(k => (k.Plaintext, Expected: ApiKeyVerification.Valid(k.ConnectorId, world.OrgId, world.LibraryId)))
            .Append((revoked.Plaintext, ApiKeyVerification.Revoked(revoked.ConnectorId)))
            .Concat(Enumerable.Range(0, 40).Select(_ => (ApiKey.Generate(), ApiKeyVerification.Unknown)))
            .ToList();
        var cases = expected.Concat(expected).Concat(expected).OrderBy(_ => Random.Shared.Next()).ToList(); // each key three times, in any order

        var mcp = world.NewInstance();
        var results = await Task.WhenAll(cases.Select(c => Task.Run(() => mcp.VerifyAsync(c.Item1))));

        Assert.Equal(cases.Select(c => c.Item2), results);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_spoil_the_batch_for_the_others()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, issued) = await world.NewInstanceWithKeyAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var gaveUp = app.Verifier.VerifyAsync(ApiKey.Generate(), cancelled.Token);
        var other = app.Verifier.VerifyAsync(issued.Plaintext, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        Assert.True((await other).IsValid);
    }

    // The lookup keeps its connections open between queries (no pool rent and reset per lookup). These tests
    // give it a data source of its own, unpooled and named, so its connections can be counted and killed.

    [Fact]
    public async Task A_kept_connection_that_died_while_idle_is_replaced_without_failing_the_lookup()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var issued = await world.NewInstance().Issuer.IssueAsync(world.Connector());
        await using var own = OwnDataSource(world, "lookup-dies");
        await using var lookup = new ApiKeyLookup(own, world.Clock);
        var hashes = new[] { world.NewInstance().Hasher.Hash(issued.Plaintext, 1) };
        Assert.Single(await lookup.FindAsync(hashes, default));

        // A failover, a server restart or an idle timeout ends the session the lookup kept.
        Assert.Equal(1, await world.ScalarAsync<int>("SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE application_name = 'lookup-dies'"));

        Assert.Equal(issued.KeyId, Assert.Single(await lookup.FindAsync(hashes, default)).KeyId);
    }

    [Fact]
    public async Task Connections_a_burst_opened_are_given_back_once_idle_and_all_on_dispose()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var hasher = world.NewInstance().Hasher;
        await using var own = OwnDataSource(world, "lookup-idle");
        var lookup = new ApiKeyLookup(own, world.Clock);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => lookup.FindAsync([hasher.Hash(ApiKey.Generate(), 1)], default))));
        Assert.InRange(await OpenAsync(world, "lookup-idle"), 1, ApiKeyLookup.MaxQueriesInFlight);

        world.Clock.Advance(ApiKeyLookup.IdleLifetime + TimeSpan.FromSeconds(1));
        await lookup.FindAsync([hasher.Hash(ApiKey.Generate(), 1)], default);
        Assert.Equal(1, await OpenAsync(world, "lookup-idle"));

        await lookup.DisposeAsync();
        Assert.Equal(0, await OpenAsync(world, "lookup-idle"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => lookup.FindAsync([hasher.Hash(ApiKey.Generate(), 1)], default));
    }

    [Fact]
    public async Task Sequential_lookups_reuse_one_connection()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var hasher = world.NewInstance().Hasher;
        await using var own = OwnDataSource(world, "lookup-seq");
        await using var lookup = new ApiKeyLookup(own, world.Clock);

        for (var i = 0; i < 50; i++) await lookup.FindAsync([hasher.Hash(ApiKey.Generate(), 1)], default);

        // Unpooled: had each lookup opened and closed a connection, none would be open now.
        Assert.Equal(1, await OpenAsync(world, "lookup-seq"));
    }

    [Fact]
    public async Task The_lookup_is_planned_once_per_connection_not_per_lookup_and_the_setting_does_not_leak_to_the_pool()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance();
        // Enough rows that Postgres, left to itself, keeps re-planning "= ANY($1)" (its generic plan assumes
        // ten array elements and looks costlier than a custom plan for one).
        await world.ExecAsync("""
            INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, key_prefix)
            SELECT gen_random_uuid(), $1, $2, $3, 'bulk ' || i, 'api_key', 'autri_sk_bulk' FROM generate_series(1, 5000) i
            """, world.OrgId, world.UserId, world.LibraryId);
        await world.ExecAsync("""
            INSERT INTO connector_api_keys (id, connector_id, key_hash, pepper_version, key_prefix)
            SELECT gen_random_uuid(), id, sha256(id::text::bytea), 1, 'autri_sk_bulk' FROM connectors
            """);
        await world.ExecAsync("ANALYZE connectors; ANALYZE connector_api_keys");
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(world.Db.ConnectionString) { ApplicationName = "lookup-plans", MaxPoolSize = 1 }.ConnectionString);
        await using var own = builder.Build();
        var lookup = new ApiKeyLookup(own, world.Clock);

        for (var i = 0; i < 30; i++) await lookup.FindAsync([app.Hasher.Hash(ApiKey.Generate(), 1)], default);

        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'lookup-plans'"));
        await lookup.DisposeAsync();
        // The one pooled connection the lane gave back runs with the server's default planning again.
        await using var after = await own.OpenConnectionAsync();
        await using var show = new NpgsqlCommand("SHOW plan_cache_mode", after);
        Assert.Equal("auto", (string?)await show.ExecuteScalarAsync());
        await using var stats = new NpgsqlCommand("SELECT coalesce(sum(generic_plans), -1), coalesce(sum(custom_plans), -1) FROM pg_prepared_statements WHERE statement LIKE '%connector_api_keys k%'", after);
        await using var r = await stats.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.True(r.GetInt64(1) <= 1, $"{r.GetInt64(1)} custom plans for 30 lookups: the lookup is re-planned each time");
        Assert.True(r.GetInt64(0) >= 29, $"{r.GetInt64(0)} generic plans for 30 lookups");
    }

    private static NpgsqlDataSource OwnDataSource(ApiKeyWorld world, string name)
    {
        var builder = new NpgsqlConnectionStringBuilder(world.Db.ConnectionString) { Pooling = false, ApplicationName = name };
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    private static async Task<int> OpenAsync(ApiKeyWorld world, string name)
    {
        // A closed connection's backend leaves pg_stat_activity a moment later: read until two reads agree.
        var last = -1;
        for (var i = 0; i < 50; i++)
        {
            var n = (int)await world.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", name);
            if (n == last) return n;
            last = n;
            await Task.Delay(50);
        }
        return last;
    }
}
