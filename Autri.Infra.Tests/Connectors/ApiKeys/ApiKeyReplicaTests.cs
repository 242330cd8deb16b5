namespace Autri.Infra.Tests.Connectors.ApiKeys;

/// <summary>
/// The MCP server's in-memory replica of every API key (<see cref="ApiKeyReplica"/>, fed by <see cref="ApiKeyFeed"/>):
/// a key it holds verifies without a query, and every change that decides a key's fate reaches it within seconds,
/// sooner than the cache's 30 s. Instances whose lookups go to an unreachable database prove which answers made no query.
/// </summary>
public sealed class ApiKeyReplicaTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private ApiKeyWorld _world = null!;
    private NpgsqlDataSource _unreachable = null!;

    public async Task InitializeAsync()
    {
        _world = await ApiKeyWorld.CreateAsync();
        // Nothing listens on this port: a lookup through it throws, so an answer proves the replica gave it.
        _unreachable = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Timeout=1");
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        await _unreachable.DisposeAsync();
    }

    /// <summary>A key issued before the replica's first load, and an instance verifying through that replica whose
    /// lookups go to Postgres or, by default, nowhere (so every answer it gives came from the replica).</summary>
    private async Task<(IssuedApiKey Key, ApiKeyReplica Replica, ApiKeyFeed Feed, ApiKeyWorld.Instance Mcp)> KeyThenReplicaAsync(bool lookupsReachable = false)
    {
        var issued = await _world.NewInstance().Issuer.IssueAsync(_world.Connector());
        var (replica, feed) = await _world.StartFeedAsync();
        return (issued, replica, feed, _world.NewInstance(db: lookupsReachable ? null : _unreachable, replica: replica));
    }

    [Fact]
    public async Task A_key_issued_before_the_instance_started_verifies_with_no_query()
    {
        var (issued, _, _, mcp) = await KeyThenReplicaAsync();

        var result = await mcp.VerifyAsync(issued.Plaintext);

        Assert.Equal(ApiKeyVerification.Valid(issued.ConnectorId, _world.OrgId, _world.LibraryId), result);
        Assert.Equal(0, mcp.Cache.Count); // answered by the replica, so nothing to cache
    }

    [Fact]
    public async Task A_key_the_current_replica_does_not_hold_yet_is_looked_up_in_Postgres()
    {
        var (replica, feed) = await _world.StartFeedAsync();
        await feed.StopAsync(CancellationToken.None); // still current (the clock stands still), but it will not see the key
        var issued = await _world.NewInstance().Issuer.IssueAsync(_world.Connector());

        var result = await _world.NewInstance(replica: replica).VerifyAsync(issued.Plaintext);

        Assert.True(replica.IsCurrent);
        Assert.Equal(0, replica.Count);
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task A_key_issued_after_the_load_is_held_by_the_replica_within_seconds()
    {
        var (replica, _) = await _world.StartFeedAsync();
        var issued = await _world.NewInstance().Issuer.IssueAsync(_world.Connector());

        await Eventually.WithinAsync(Soon, "the new key in the replica", () => Task.FromResult(replica.Count == 1));

        Assert.True((await _world.NewInstance(db: _unreachable, replica: replica).VerifyAsync(issued.Plaintext)).IsValid);
    }

    [Theory]
    [InlineData("UPDATE connectors SET revoked_at = now() WHERE id = (SELECT connector_id FROM connector_api_keys WHERE id = $1)")]
    [InlineData("UPDATE connector_api_keys SET revoked_at = now() WHERE id = $1")]
    public async Task Revoking_the_connector_or_only_the_key_is_refused_within_seconds(string revoke)
    {
        var (issued, _, _, mcp) = await KeyThenReplicaAsync();
        Assert.True((await mcp.VerifyAsync(issued.Plaintext)).IsValid);

        await _world.ExecAsync(revoke, issued.KeyId);

        await Eventually.WithinAsync(Soon, "the revocation refused", async () =>
            (await mcp.VerifyAsync(issued.Plaintext)).Outcome == ApiKeyOutcome.Revoked);
    }

    [Fact]
    public async Task Suspending_the_owner_refuses_the_key_within_seconds_and_re_inviting_restores_it()
    {
        var (issued, _, _, mcp) = await KeyThenReplicaAsync();

        await _world.ExecAsync("INSERT INTO suspended_owners (user_id) VALUES ($1)", _world.UserId);
        await Eventually.WithinAsync(Soon, "the owner's suspension refused", async () =>
            (await mcp.VerifyAsync(issued.Plaintext)).Outcome == ApiKeyOutcome.Suspended);
        await _world.ExecAsync("DELETE FROM suspended_owners WHERE user_id = $1", _world.UserId);

        await Eventually.WithinAsync(Soon, "the re-invited owner's key valid again", async () =>
            (await mcp.VerifyAsync(issued.Plaintext)).IsValid);
    }

    [Fact]
    public async Task A_rotated_key_is_expired_at_the_end_of_its_grace_and_the_new_key_verifies_with_no_query()
    {
        var portal = _world.NewInstance();
        var old = await portal.Issuer.IssueAsync(_world.Connector());
        var (replica, _) = await _world.StartFeedAsync();
        var mcp = _world.NewInstance(db: _unreachable, replica: replica);

        var fresh = await portal.Issuer.RotateAsync(old.ConnectorId, TimeSpan.FromHours(1));
        await Eventually.WithinAsync(Soon, "the new key in the replica", () => Task.FromResult(replica.Count == 2));
        var duringGrace = await mcp.VerifyAsync(old.Plaintext);
        _world.Clock.Advance(TimeSpan.FromHours(1));
        // The feed's next read stamps the replica current as of the advanced clock.
        await Eventually.WithinAsync(Soon, "the replica current after the clock moved", () => Task.FromResult(replica.IsCurrent));

        Assert.True(duringGrace.IsValid);
        Assert.Equal(ApiKeyOutcome.Expired, (await mcp.VerifyAsync(old.Plaintext)).Outcome);
        Assert.True((await mcp.VerifyAsync(fresh.Plaintext)).IsValid);
    }

    [Fact]
    public async Task A_key_deleted_by_hand_is_forgotten_within_seconds()
    {
        var (issued, replica, _, mcp) = await KeyThenReplicaAsync(lookupsReachable: true);
        Assert.True((await mcp.VerifyAsync(issued.Plaintext)).IsValid);

        await _world.ExecAsync("DELETE FROM connector_api_keys WHERE id = $1", issued.KeyId);

        await Eventually.WithinAsync(Soon, "the deleted key gone from the replica", () => Task.FromResult(replica.Count == 0));
        Assert.Equal(ApiKeyOutcome.Unknown, (await mcp.VerifyAsync(issued.Plaintext)).Outcome);
    }

    [Fact]
    public async Task A_key_under_an_older_pepper_verifies_from_the_replica_and_a_mismatched_row_does_not()
    {
        var old = await _world.NewInstance(_world.Options(1)).Issuer.IssueAsync(_world.Connector("Old"));
        var tampered = await _world.NewInstance(_world.Options(1)).Issuer.IssueAsync(_world.Connector("Tampered"));
        await _world.ExecAsync("UPDATE connector_api_keys SET pepper_version = 2 WHERE id = $1", tampered.KeyId);
        var options = _world.Options(1, 2);
        var (replica, _) = await _world.StartFeedAsync(options);

        var fromReplica = await _world.NewInstance(options, _unreachable, replica).VerifyAsync(old.Plaintext);
        var mismatched = await _world.NewInstance(options, replica: replica).VerifyAsync(tampered.Plaintext);

        Assert.True(fromReplica.IsValid);
        Assert.Equal(ApiKeyOutcome.Unknown, mismatched.Outcome);
    }

    [Fact]
    public async Task A_replica_whose_feed_stopped_stops_answering_once_its_last_read_is_CacheSeconds_old()
    {
        var (issued, replica, feed, mcp) = await KeyThenReplicaAsync();
        Assert.True((await mcp.VerifyAsync(issued.Plaintext)).IsValid);

        await feed.StopAsync(CancellationToken.None);
        _world.Clock.Advance(TimeSpan.FromSeconds(ApiKeyOptions.MaxCacheSeconds));

        Assert.False(replica.IsCurrent);
        // The stale replica no longer vouches for the key: the lookup is asked, and its failure is an error, not "valid".
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => mcp.VerifyAsync(issued.Plaintext));
    }

    [Fact]
    public async Task More_keys_than_ReplicaMaxKeys_are_not_loaded_and_every_key_is_looked_up_in_Postgres()
    {
        var issuer = _world.NewInstance().Issuer;
        await issuer.IssueAsync(_world.Connector("One"));
        var second = await issuer.IssueAsync(_world.Connector("Two"));
        var options = _world.Options(1);
        options.ReplicaMaxKeys = 1;
        var replica = new ApiKeyReplica(options, _world.Clock);
        var feed = new ApiKeyFeed(_world.Db, replica, _world.Clock, NullLogger<ApiKeyFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1)); // what a load would take, many times over
            Assert.False(replica.IsCurrent);
            Assert.Equal(0, replica.Count);
            Assert.True((await _world.NewInstance(options, replica: replica).VerifyAsync(second.Plaintext)).IsValid);
        }
        finally
        {
            await feed.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_valid_key_answered_by_the_replica_still_records_its_last_use()
    {
        var (issued, _, _, mcp) = await KeyThenReplicaAsync(lookupsReachable: true);

        Assert.True((await mcp.VerifyAsync(issued.Plaintext)).IsValid);
        await mcp.LastUse.FlushAsync();

        Assert.True(await _world.ScalarAsync<bool>("SELECT last_used_at IS NOT NULL FROM connector_api_keys WHERE id = $1", issued.KeyId));
    }

    [Fact]
    public async Task Last_use_writes_are_not_changes_the_replicas_re_read()
    {
        var issued = await _world.NewInstance().Issuer.IssueAsync(_world.Connector());
        var stamps = "SELECT k.change_xid::text || '/' || c.change_xid::text FROM connector_api_keys k JOIN connectors c ON c.id = k.connector_id WHERE k.id = $1";
        var before = await _world.ScalarAsync<string>(stamps, issued.KeyId);

        var mcp = _world.NewInstance();
        Assert.True((await mcp.VerifyAsync(issued.Plaintext)).IsValid);
        await mcp.LastUse.FlushAsync();

        Assert.True(await _world.ScalarAsync<bool>("SELECT last_used_at IS NOT NULL FROM connector_api_keys WHERE id = $1", issued.KeyId));
        Assert.Equal(before, await _world.ScalarAsync<string>(stamps, issued.KeyId));
    }

    [Fact]
    public async Task Tombstones_older_than_an_hour_are_pruned_by_the_next_deletion()
    {
        var issuer = _world.NewInstance().Issuer;
        var first = await issuer.IssueAsync(_world.Connector("First"));
        var second = await issuer.IssueAsync(_world.Connector("Second"));
        await _world.ExecAsync("DELETE FROM connector_api_keys WHERE id = $1", first.KeyId);
        await _world.ExecAsync("UPDATE api_key_deletions SET deleted_at = now() - interval '61 minutes' WHERE key_id = $1", first.KeyId);

        await _world.ExecAsync("DELETE FROM connector_api_keys WHERE id = $1", second.KeyId);

        Assert.Equal(second.KeyId, await _world.ScalarAsync<Guid>("SELECT key_id FROM api_key_deletions"));
    }
}
