namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class ApiKeyRotationTests
{
    [Fact]
    public async Task Old_and_new_keys_both_verify_during_the_grace_period_and_only_the_new_one_after()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, old) = await world.NewInstanceWithKeyAsync();
        Assert.True((await app.VerifyAsync(old.Plaintext)).IsValid);

        var fresh = await app.Issuer.RotateAsync(old.ConnectorId, TimeSpan.FromMinutes(10));
        var oldDuringGrace = await app.VerifyAsync(old.Plaintext);
        var freshDuringGrace = await app.VerifyAsync(fresh.Plaintext);
        world.Clock.Advance(TimeSpan.FromMinutes(10));
        var oldAfterGrace = await app.VerifyAsync(old.Plaintext);
        var freshAfterGrace = await app.VerifyAsync(fresh.Plaintext);

        Assert.Equal(old.ConnectorId, fresh.ConnectorId);
        Assert.NotEqual(old.Plaintext, fresh.Plaintext);
        Assert.True(oldDuringGrace.IsValid);
        Assert.True(freshDuringGrace.IsValid);
        Assert.Equal(ApiKeyOutcome.Expired, oldAfterGrace.Outcome);
        Assert.True(freshAfterGrace.IsValid);
        Assert.Equal(old.ConnectorId, freshAfterGrace.ConnectorId);
    }

    [Fact]
    public async Task Another_instance_sees_the_grace_end_after_its_cache_ttl()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var portal = world.NewInstance();
        var mcp = world.NewInstance();
        var old = await portal.Issuer.IssueAsync(world.Connector());
        Assert.True((await mcp.VerifyAsync(old.Plaintext)).IsValid);

        await portal.Issuer.RotateAsync(old.ConnectorId, TimeSpan.FromSeconds(5));
        world.Clock.Advance(TimeSpan.FromSeconds(ApiKeyOptions.MaxCacheSeconds));

        Assert.Equal(ApiKeyOutcome.Expired, (await mcp.VerifyAsync(old.Plaintext)).Outcome);
    }

    [Fact]
    public async Task Rotating_without_grace_revokes_the_old_key_at_once()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, old) = await world.NewInstanceWithKeyAsync();
        Assert.True((await app.VerifyAsync(old.Plaintext)).IsValid);

        var fresh = await app.Issuer.RotateAsync(old.ConnectorId, TimeSpan.Zero);

        Assert.Equal(ApiKeyOutcome.Revoked, (await app.VerifyAsync(old.Plaintext)).Outcome);
        Assert.True((await app.VerifyAsync(fresh.Plaintext)).IsValid);
    }

    [Fact]
    public async Task The_key_list_shows_both_keys_and_the_connector_shows_the_new_prefix()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, old) = await world.NewInstanceWithKeyAsync();

        var fresh = await app.Issuer.RotateAsync(old.ConnectorId, TimeSpan.FromHours(1));
        var keys = await app.Issuer.ListAsync(old.ConnectorId);

        Assert.Equal([fresh.KeyId, old.KeyId], keys.Select(k => k.KeyId));
        Assert.Null(keys[0].ExpiresAt);
        Assert.Equal(world.Clock.GetUtcNow().AddHours(1), keys[1].ExpiresAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(old.DisplayPrefix, keys[1].DisplayPrefix);
        Assert.Equal(fresh.DisplayPrefix, await world.ScalarAsync<string>("SELECT key_prefix FROM connectors WHERE id = $1", old.ConnectorId));
    }

    [Fact]
    public async Task A_second_rotation_does_not_extend_an_earlier_grace_period()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, first) = await world.NewInstanceWithKeyAsync();
        await app.Issuer.RotateAsync(first.ConnectorId, TimeSpan.FromMinutes(5));

        await app.Issuer.RotateAsync(first.ConnectorId, TimeSpan.FromHours(1));
        world.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(ApiKeyOutcome.Expired, (await app.VerifyAsync(first.Plaintext)).Outcome);
    }

    [Fact]
    public async Task A_revoked_connector_cannot_be_rotated()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, issued) = await world.NewInstanceWithKeyAsync();
        await world.ExecAsync("UPDATE connectors SET revoked_at = now() WHERE id = $1", issued.ConnectorId);

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Issuer.RotateAsync(issued.ConnectorId, TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Issuer.RotateAsync(Guid.NewGuid(), TimeSpan.FromMinutes(1)));
    }
}
