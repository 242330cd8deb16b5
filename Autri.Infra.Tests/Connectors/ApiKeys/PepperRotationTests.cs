namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class PepperRotationTests
{
    [Fact]
    public async Task A_key_hashed_under_version_1_still_verifies_after_version_2_becomes_current()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var before = world.NewInstance(world.Options(1));
        var old = await before.Issuer.IssueAsync(world.Connector("Before"));

        var after = world.NewInstance(world.Options(1, 2));
        var fresh = await after.Issuer.IssueAsync(world.Connector("After"));

        Assert.Equal(1, old.PepperVersion);
        Assert.Equal(2, fresh.PepperVersion);
        Assert.True((await after.VerifyAsync(old.Plaintext)).IsValid);
        Assert.True((await after.VerifyAsync(old.Plaintext)).IsValid); // and from the cache
        Assert.True((await after.VerifyAsync(fresh.Plaintext)).IsValid);
        Assert.Equal(2, await world.ScalarAsync<int>("SELECT pepper_version FROM connector_api_keys WHERE id = $1", fresh.KeyId));
    }

    [Fact]
    public async Task Dropping_a_pepper_version_retires_the_keys_hashed_under_it()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var old = await world.NewInstance(world.Options(1)).Issuer.IssueAsync(world.Connector());

        var onlyVersion2 = world.NewInstance(world.Options(2));

        Assert.Equal(ApiKeyOutcome.Unknown, (await onlyVersion2.VerifyAsync(old.Plaintext)).Outcome);
    }

    [Fact]
    public async Task A_row_whose_pepper_version_does_not_match_its_hash_is_not_accepted()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var old = await world.NewInstance(world.Options(1)).Issuer.IssueAsync(world.Connector());
        await world.ExecAsync("UPDATE connector_api_keys SET pepper_version = 2 WHERE id = $1", old.KeyId);

        var result = await world.NewInstance(world.Options(1, 2)).VerifyAsync(old.Plaintext);

        Assert.Equal(ApiKeyOutcome.Unknown, result.Outcome);
    }
}
