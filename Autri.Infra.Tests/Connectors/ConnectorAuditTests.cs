namespace Autri.Infra.Tests.Connectors;

/// <summary>
/// Every create, rename, revoke and rotate writes its audit row in the same transaction as the change:
/// when the audit row cannot be written, the change does not happen either (and no client is left at the IdP).
/// </summary>
public class ConnectorAuditTests(IdpFixture fixture) : IClassFixture<IdpFixture>
{
    [Fact]
    public async Task A_rotation_whose_audit_row_fails_changes_nothing()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var old = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Rotating", library, "api_key", null), default)).Credential!;
        Assert.True((await world.Verifier.VerifyAsync(old.Secret, default)).IsValid);
        await RefuseAuditAsync(world, ConnectorAudit.Rotate);

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => world.Rotator.RotateAsync(actor, old.ConnectorId, "0", default));

        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM connector_api_keys WHERE connector_id = @id", new { id = old.ConnectorId }));
        Assert.Equal(old.KeyPrefix, await world.ScalarAsync<string>("SELECT key_prefix FROM connectors WHERE id = @id", new { id = old.ConnectorId }));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connector_api_keys WHERE revoked_at IS NOT NULL OR expires_at IS NOT NULL"));
        world.Verifier.Invalidate(old.ConnectorId);
        Assert.True((await world.Verifier.VerifyAsync(old.Secret, default)).IsValid);
    }

    [Fact]
    public async Task A_rotation_writes_its_audit_row_in_the_rotations_transaction()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var old = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Rotating", library, "api_key", null), default)).Credential!;

        var (rotated, _) = await world.Rotator.RotateAsync(actor, old.ConnectorId, "1h", default);

        // One transaction: the new key row and the audit row carry the same transaction id.
        Assert.True(await world.ScalarAsync<bool>("""
            SELECT (SELECT xmin::text FROM audit_events WHERE action = 'connector.rotate')
                 = (SELECT xmin::text FROM connector_api_keys WHERE connector_id = @id AND key_prefix = @prefix)
            """, new { id = old.ConnectorId, prefix = rotated!.KeyPrefix }));
    }

    [Fact]
    public async Task An_api_key_creation_whose_audit_row_fails_leaves_no_connector()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        await RefuseAuditAsync(world, ConnectorAudit.Create);

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => world.Creator.CreateAsync(actor, new ConnectorDraft("Key", library, "api_key", null), default));

        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connector_api_keys"));
    }

    [Fact]
    public async Task An_oauth_creation_whose_audit_row_fails_leaves_no_connector_and_no_client()
    {
        RecordingRegistry? recorder = null;
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp, decorate: (real, _) => recorder = new RecordingRegistry(real));
        var (actor, library) = await world.NewPersonAsync();
        await RefuseAuditAsync(world, ConnectorAudit.Create);

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => world.Creator.CreateAsync(actor, new ConnectorDraft("OAuth", library, "oauth_client", null), default));

        var client = Assert.Single(recorder!.Registered);
        Assert.Equal([client.ClientId], recorder.Deleted);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
        await Assert.ThrowsAsync<TokenMintException>(() => world.Minter.MintAsync(client.ClientId, client.ClientSecret, default));
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("oauth_client")]
    public async Task A_revocation_whose_audit_row_fails_changes_nothing_and_keeps_the_client(string kind)
    {
        RecordingRegistry? recorder = null;
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp, decorate: (real, _) => recorder = new RecordingRegistry(real));
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Kept", library, kind, null), default)).Credential!;
        await RefuseAuditAsync(world, ConnectorAudit.Revoke);

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => world.Revoker.RevokeAsync(actor, credential.ConnectorId, default));

        Assert.Null((await world.Store.FindInOrgAsync(actor.OrgId, credential.ConnectorId))!.RevokedAt);
        Assert.Empty(recorder!.Deleted);
        if (kind == "oauth_client") await world.Minter.MintAsync(credential.ClientId!, credential.Secret, default);
        else Assert.True((await world.Verifier.VerifyAsync(credential.Secret, default)).IsValid);
    }

    [Fact]
    public async Task A_rename_whose_audit_row_fails_keeps_the_old_name()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Before", library, "oauth_client", null), default)).Credential!;
        await RefuseAuditAsync(world, ConnectorAudit.Rename);

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => world.Renamer.RenameAsync(actor, credential.ConnectorId, "After", default));

        Assert.Equal("Before", (await world.Store.FindInOrgAsync(actor.OrgId, credential.ConnectorId))!.Name);
    }

    /// <summary>Makes inserting an audit row of <paramref name="action"/> fail, as a full disk or a broken table would.</summary>
    private static async Task RefuseAuditAsync(ConnectorWorld world, string action)
    {
        await using var conn = await world.Db.OpenConnectionAsync();
        await conn.ExecuteAsync($"""
            CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.action = '{action}' THEN RAISE EXCEPTION 'audit is down'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """);
    }
}
