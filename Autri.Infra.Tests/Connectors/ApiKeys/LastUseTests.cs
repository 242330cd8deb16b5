namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class LastUseTests
{
    /// <summary>Counts real writes of last_used_at with a trigger, so "written once" means once.</summary>
    private static Task CountWritesAsync(ApiKeyWorld world) => world.ExecAsync("""
        CREATE TABLE last_used_writes (key_id uuid NOT NULL);
        CREATE FUNCTION note_last_used_write() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN INSERT INTO last_used_writes VALUES (NEW.id); RETURN NEW; END $$;
        CREATE TRIGGER note_last_used_write AFTER UPDATE OF last_used_at ON connector_api_keys
            FOR EACH ROW EXECUTE FUNCTION note_last_used_write();
        """);

    [Fact]
    public async Task Last_used_is_written_once_for_a_hundred_verifications_within_a_minute()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        await CountWritesAsync(world);
        var (app, issued) = await world.NewInstanceWithKeyAsync();

        for (var i = 0; i < 100; i++)
        {
            Assert.True((await app.VerifyAsync(issued.Plaintext)).IsValid);
            if (i % 10 == 0) await app.LastUse.FlushAsync();
        }
        await app.LastUse.FlushAsync();

        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM last_used_writes"));
        Assert.True(await world.ScalarAsync<bool>(
            "SELECT k.last_used_at IS NOT NULL AND c.last_used_at IS NOT NULL FROM connector_api_keys k JOIN connectors c ON c.id = k.connector_id WHERE k.id = $1",
            issued.KeyId));
    }

    [Fact]
    public async Task Several_instances_write_last_used_once_between_them()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        await CountWritesAsync(world);
        var instances = Enumerable.Range(0, 3).Select(_ => world.NewInstance()).ToList();
        var issued = await instances[0].Issuer.IssueAsync(world.Connector());

        foreach (var app in instances)
        {
            Assert.True((await app.VerifyAsync(issued.Plaintext)).IsValid);
            await app.LastUse.FlushAsync();
        }

        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM last_used_writes"));
    }

    [Fact]
    public async Task Refused_keys_do_not_count_as_used()
    {
        await using var world = await ApiKeyWorld.CreateAsync();
        var (app, issued) = await world.NewInstanceWithKeyAsync();
        await world.ExecAsync("UPDATE connectors SET revoked_at = now() WHERE id = $1", issued.ConnectorId);

        Assert.Equal(ApiKeyOutcome.Revoked, (await app.VerifyAsync(issued.Plaintext)).Outcome);
        await app.LastUse.FlushAsync();

        Assert.True(await world.ScalarAsync<bool>("SELECT last_used_at IS NULL FROM connector_api_keys WHERE id = $1", issued.KeyId));
    }

    [Fact]
    public void The_throttle_lets_a_key_through_once_a_minute()
    {
        var clock = ManualClock.Stopped();
        var throttle = new LastUseThrottle(clock);
        var key = Guid.NewGuid();
        var other = Guid.NewGuid();

        var first = throttle.ShouldRecord(key);
        clock.Advance(TimeSpan.FromSeconds(59));
        var within = throttle.ShouldRecord(key);
        var otherKey = throttle.ShouldRecord(other);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterMinute = throttle.ShouldRecord(key);

        Assert.True(first);
        Assert.False(within);
        Assert.True(otherKey);
        Assert.True(afterMinute);
    }

    [Fact]
    public void The_throttle_forgets_keys_idle_for_a_minute()
    {
        var clock = ManualClock.Stopped();
        var throttle = new LastUseThrottle(clock);
        throttle.ShouldRecord(Guid.NewGuid());
        clock.Advance(TimeSpan.FromSeconds(61));
        throttle.ShouldRecord(Guid.NewGuid());

        throttle.Prune();

        Assert.Equal(1, throttle.Count);
    }
}
