namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class ApiKeyVerifierTests
{
    [Fact]
    public async Task A_valid_key_verifies_with_its_connector_org_and_library()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, issued) = await world.NewInstanceWithKeyAsync();

        var result = await app.VerifyAsync(issued.Plaintext);

        Assert.Equal(ApiKeyOutcome.Valid, result.Outcome);
        Assert.Equal(issued.ConnectorId, result.ConnectorId);
        Assert.Equal(world.OrgId, result.OrgId);
        Assert.Equal(world.LibraryId, result.LibraryId);
    }

    [Fact]
    public async Task A_second_instance_with_an_empty_cache_verifies_from_the_database()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var issued = await world.NewInstance().Issuer.IssueAsync(world.Connector());

        var result = await world.NewInstance().VerifyAsync(issued.Plaintext);

        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task A_well_formed_key_nobody_issued_is_unknown()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        await world.NewInstance().Issuer.IssueAsync(world.Connector());

        var result = await world.NewInstance().VerifyAsync(ApiKey.Generate());

        Assert.Equal(ApiKeyVerification.Unknown, result);
        Assert.Null(result.ConnectorId);
    }

    [Fact]
    public async Task Revoked_key_no_longer_verifies_once_the_cache_is_invalidated()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, issued) = await world.NewInstanceWithKeyAsync();
        Assert.True((await app.VerifyAsync(issued.Plaintext)).IsValid);

        await world.ExecAsync("UPDATE connectors SET revoked_at = now() WHERE id = $1", issued.ConnectorId);
        var beforeInvalidate = await app.VerifyAsync(issued.Plaintext);
        app.Verifier.Invalidate(issued.ConnectorId);
        var after = await app.VerifyAsync(issued.Plaintext);

        Assert.True(beforeInvalidate.IsValid); // the cache's window, at most ApiKeys:CacheSeconds
        Assert.Equal(ApiKeyOutcome.Revoked, after.Outcome);
        Assert.Equal(issued.ConnectorId, after.ConnectorId);
        Assert.Null(after.OrgId);
        Assert.Null(after.LibraryId);
    }

    [Fact]
    public async Task Revoked_key_no_longer_verifies_on_another_instance_after_the_cache_ttl()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var portal = world.NewInstance();
        var mcp = world.NewInstance();
        var issued = await portal.Issuer.IssueAsync(world.Connector());
        Assert.True((await mcp.VerifyAsync(issued.Plaintext)).IsValid);

        await world.ExecAsync("UPDATE connectors SET revoked_at = now() WHERE id = $1", issued.ConnectorId);
        portal.Verifier.Invalidate(issued.ConnectorId); // reaches only the portal's own cache
        world.Clock.Advance(TimeSpan.FromSeconds(ApiKeyOptions.MaxCacheSeconds));

        Assert.Equal(ApiKeyOutcome.Revoked, (await mcp.VerifyAsync(issued.Plaintext)).Outcome);
    }

    [Fact]
    public async Task A_key_whose_owner_is_suspended_is_refused_after_the_cache_ttl_and_works_again_once_the_suspension_is_lifted()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (mcp, issued) = await world.NewInstanceWithKeyAsync();
        Assert.True((await mcp.VerifyAsync(issued.Plaintext)).IsValid);

        await world.ExecAsync("INSERT INTO suspended_owners (user_id) VALUES ($1)", world.UserId);
        world.Clock.Advance(TimeSpan.FromSeconds(ApiKeyOptions.MaxCacheSeconds));
        var suspended = await mcp.VerifyAsync(issued.Plaintext);
        await world.ExecAsync("DELETE FROM suspended_owners WHERE user_id = $1", world.UserId);
        world.Clock.Advance(TimeSpan.FromSeconds(ApiKeyOptions.MaxCacheSeconds));
        var restored = await mcp.VerifyAsync(issued.Plaintext);

        Assert.Equal(ApiKeyOutcome.Suspended, suspended.Outcome);
        Assert.Equal(issued.ConnectorId, suspended.ConnectorId);
        Assert.Null(suspended.LibraryId);
        Assert.True(restored.IsValid);
    }

    [Fact]
    public async Task Expired_connector_refuses_its_key_even_from_the_cache()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance();
        var issued = await app.Issuer.IssueAsync(world.Connector(expiresAt: world.Clock.GetUtcNow().AddHours(1)));
        Assert.True((await app.VerifyAsync(issued.Plaintext)).IsValid);

        world.Clock.Advance(TimeSpan.FromHours(1));
        var result = await app.VerifyAsync(issued.Plaintext);

        Assert.Equal(ApiKeyOutcome.Expired, result.Outcome);
        Assert.Equal(issued.ConnectorId, result.ConnectorId);
    }

    [Fact]
    public async Task A_key_already_expired_in_the_database_is_expired()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var issued = await world.NewInstance().Issuer.IssueAsync(world.Connector());
        await world.ExecAsync("UPDATE connectors SET expires_at = now() - interval '1 hour' WHERE id = $1", issued.ConnectorId);

        Assert.Equal(ApiKeyOutcome.Expired, (await world.NewInstance().VerifyAsync(issued.Plaintext)).Outcome);
    }

    [Theory]
    [InlineData("", ApiKeyProblem.NotAnAutriKey)]
    [InlineData("Bearer autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9kiz", ApiKeyProblem.NotAnAutriKey)]
    [InlineData("autri_sk_Ab3dEf9hIj2lMn4pQr6tUé2L9kiz", ApiKeyProblem.Malformed)]
    [InlineData("autri_sk_🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑", ApiKeyProblem.Malformed)]
    [InlineData("autri_sk_Ab3dEf9hIj2lMn4pQr6tUv2L9kiZ", ApiKeyProblem.ChecksumMismatch)]
    public async Task Malformed_input_is_refused_without_touching_the_database(string input, ApiKeyProblem problem)
    {
        // Nothing listens on this port: any database call would throw.
        await using var unreachable = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Timeout=1");
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance(db: unreachable);

        var result = await app.VerifyAsync(input);

        Assert.Equal(ApiKeyVerification.Malformed(problem), result);
    }

    [Fact]
    public async Task A_ten_kilobyte_string_is_malformed_without_touching_the_database()
    {
        await using var unreachable = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Timeout=1");
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance(db: unreachable);

        var result = await app.VerifyAsync(ApiKeyFormat.Prefix + new string('A', 10_240));

        Assert.Equal(ApiKeyOutcome.Malformed, result.Outcome);
    }

    [Fact]
    public async Task A_database_failure_is_an_error_not_a_verdict()
    {
        await using var unreachable = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Timeout=1");
        await using var world = await ApiKeyWorld.CreateAsync();
        var app = world.NewInstance(db: unreachable);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => app.VerifyAsync(ApiKey.Generate()));
    }

    [Fact]
    public async Task An_unknown_key_is_remembered_briefly_then_looked_up_again()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, holder) = await world.NewInstanceWithKeyAsync();
        var key = ApiKey.Generate();
        Assert.Equal(ApiKeyOutcome.Unknown, (await app.VerifyAsync(key)).Outcome);

        // The key appears in the database behind the cache's back.
        await world.ExecAsync(
            "INSERT INTO connector_api_keys (id, connector_id, key_hash, pepper_version, key_prefix) VALUES ($1, $2, $3, 1, 'autri_sk_x')",
            Guid.NewGuid(), holder.ConnectorId, app.Hasher.Hash(key, 1));
        var whileCached = await app.VerifyAsync(key);
        world.Clock.Advance(TimeSpan.FromSeconds(new ApiKeyOptions().NegativeCacheSeconds));
        var afterNegativeTtl = await app.VerifyAsync(key);

        Assert.Equal(ApiKeyOutcome.Unknown, whileCached.Outcome);
        Assert.Equal(ApiKeyOutcome.Valid, afterNegativeTtl.Outcome);
    }

    [Fact]
    public async Task With_the_cache_disabled_every_call_reads_the_database()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var options = world.Options(1);
        options.CacheSeconds = 0;
        options.NegativeCacheSeconds = 0;
        var app = world.NewInstance(options);
        var issued = await app.Issuer.IssueAsync(world.Connector());
        Assert.True((await app.VerifyAsync(issued.Plaintext)).IsValid);

        await world.ExecAsync("UPDATE connectors SET revoked_at = now() WHERE id = $1", issued.ConnectorId);

        Assert.Equal(ApiKeyOutcome.Revoked, (await app.VerifyAsync(issued.Plaintext)).Outcome);
        Assert.Equal(0, app.Cache.Count);
    }
}
