namespace Autri.Infra.Tests.Connectors;

public class ApiKeyConnectorTests(IdpFixture fixture) : IClassFixture<IdpFixture>
{
    [Fact]
    public async Task A_new_api_key_verifies_for_its_connector_org_and_library()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();

        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Key", library, "api_key", "never"), default)).Credential!;

        Assert.Equal(ConnectorKind.ApiKey, credential.Kind);
        Assert.StartsWith("autri_sk_", credential.Secret);
        var verified = await world.Verifier.VerifyAsync(credential.Secret, default);
        Assert.Equal(ApiKeyVerification.Valid(credential.ConnectorId, actor.OrgId, library), verified);
        var stored = await world.ScalarAsync<string>("SELECT string_agg(t::text, ' ') FROM connectors t");
        Assert.DoesNotContain(credential.Secret, stored);
    }

    [Fact]
    public async Task Revoked_key_no_longer_verifies()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Key", library, "api_key", null), default)).Credential!;
        Assert.True((await world.Verifier.VerifyAsync(credential.Secret, default)).IsValid); // now cached

        Assert.Equal(RevokeOutcome.Revoked, (await world.Revoker.RevokeAsync(actor, credential.ConnectorId, default)).Outcome);

        Assert.Equal(ApiKeyOutcome.Revoked, (await world.Verifier.VerifyAsync(credential.Secret, default)).Outcome);
    }

    [Fact]
    public async Task A_key_with_an_expiry_stops_verifying_when_it_passes()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Month", library, "api_key", "30"), default)).Credential!;
        Assert.Equal(world.Clock.GetUtcNow().AddDays(30), credential.ExpiresAt);

        world.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        Assert.Equal(ApiKeyOutcome.Expired, (await world.Verifier.VerifyAsync(credential.Secret, default)).Outcome);
    }

    [Fact]
    public async Task Rotation_with_grace_lets_both_keys_work_until_the_grace_ends()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var old = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Rotating", library, "api_key", null), default)).Credential!;

        var (rotated, problem) = await world.Rotator.RotateAsync(actor, old.ConnectorId, "1h", default);

        Assert.Null(problem);
        Assert.NotEqual(old.Secret, rotated!.Secret);
        Assert.Equal(old.ConnectorId, rotated.ConnectorId);
        Assert.True((await world.Verifier.VerifyAsync(old.Secret, default)).IsValid);
        Assert.True((await world.Verifier.VerifyAsync(rotated.Secret, default)).IsValid);

        world.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(ApiKeyOutcome.Expired, (await world.Verifier.VerifyAsync(old.Secret, default)).Outcome);
        Assert.True((await world.Verifier.VerifyAsync(rotated.Secret, default)).IsValid);
        Assert.Equal(3600L, await world.ScalarAsync<long>("SELECT (details->>'grace_seconds')::bigint FROM audit_events WHERE action = 'connector.rotate'"));
        Assert.DoesNotContain(rotated.Secret, await world.ScalarAsync<string>("SELECT details::text FROM audit_events WHERE action = 'connector.rotate'"));
    }

    [Fact]
    public async Task Rotation_without_grace_refuses_the_old_key_at_once()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var old = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Now", library, "api_key", null), default)).Credential!;

        var (rotated, _) = await world.Rotator.RotateAsync(actor, old.ConnectorId, "0", default);

        Assert.Equal(ApiKeyOutcome.Revoked, (await world.Verifier.VerifyAsync(old.Secret, default)).Outcome);
        Assert.True((await world.Verifier.VerifyAsync(rotated!.Secret, default)).IsValid);
    }

    [Fact]
    public async Task Oauth_connectors_and_revoked_connectors_cannot_be_rotated()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var oauth = (await world.Creator.CreateAsync(actor, new ConnectorDraft("OAuth", library, "oauth_client", null), default)).Credential!;
        var key = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Gone", library, "api_key", null), default)).Credential!;
        await world.Revoker.RevokeAsync(actor, key.ConnectorId, default);

        Assert.Contains("Only API-key connectors", (await world.Rotator.RotateAsync(actor, oauth.ConnectorId, "0", default)).Problem!.Message);
        Assert.Contains("revoked", (await world.Rotator.RotateAsync(actor, key.ConnectorId, "0", default)).Problem!.Message);
        Assert.Equal(ConnectorFields.Grace, (await world.Rotator.RotateAsync(actor, (await world.Creator.CreateAsync(actor,
            new ConnectorDraft("Other", library, "api_key", null), default)).Credential!.ConnectorId, "forever", default)).Problem!.Field);
    }
}
