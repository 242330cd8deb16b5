namespace Autri.Infra.Tests.Connectors;

/// <summary>Limits, names, libraries, org boundaries and audit rows (MaxPerUser is 3 in these tests).</summary>
public class ConnectorRulesTests(IdpFixture fixture) : IClassFixture<IdpFixture>
{
    [Fact]
    public async Task The_per_user_limit_refuses_one_more_with_a_clear_message_and_no_row()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        for (var i = 0; i < 3; i++) Assert.NotNull((await world.Creator.CreateAsync(actor, new ConnectorDraft($"Key {i}", library, "api_key", null), default)).Credential);

        var fourth = await world.Creator.CreateAsync(actor, new ConnectorDraft("One too many", library, "oauth_client", null), default);

        Assert.Contains("3 active connectors", Assert.Single(fourth.Problems).Message);
        Assert.Equal(3L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
    }

    [Fact]
    public async Task With_api_keys_switched_off_an_api_key_connector_is_refused_and_an_oauth_one_still_made()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp, new Dictionary<string, string?> { ["Connectors:ApiKeysEnabled"] = "false" });
        var (actor, library) = await world.NewPersonAsync();

        var key = await world.Creator.CreateAsync(actor, new ConnectorDraft("Key", library, "api_key", null), default);
        var oauth = await world.Creator.CreateAsync(actor, new ConnectorDraft("Client", library, "oauth_client", null), default);

        var problem = Assert.Single(key.Problems);
        Assert.Equal(ConnectorFields.Kind, problem.Field);
        Assert.Contains("API keys are not offered in this deployment", problem.Message);
        Assert.NotNull(oauth.Credential);
        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
    }

    [Fact]
    public async Task Revoking_one_makes_room_under_the_limit()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var first = (await world.Creator.CreateAsync(actor, new ConnectorDraft("A", library, "api_key", null), default)).Credential!;
        for (var i = 0; i < 2; i++) await world.Creator.CreateAsync(actor, new ConnectorDraft($"B{i}", library, "api_key", null), default);
        await world.Revoker.RevokeAsync(actor, first.ConnectorId, default);

        Assert.NotNull((await world.Creator.CreateAsync(actor, new ConnectorDraft("A", library, "api_key", null), default)).Credential);
    }

    [Fact]
    public async Task Concurrent_creations_never_pass_the_limit()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => world.Creator.CreateAsync(actor, new ConnectorDraft($"Race {i}", library, "api_key", null), default))));

        Assert.Equal(3, results.Count(r => r.Credential is not null));
        Assert.Equal(3L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
    }

    [Fact]
    public async Task A_duplicate_live_name_is_refused_whatever_its_case()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        await world.Creator.CreateAsync(actor, new ConnectorDraft("Claude Desktop", library, "api_key", null), default);

        var again = await world.Creator.CreateAsync(actor, new ConnectorDraft("  claude desktop ", library, "oauth_client", null), default);

        var problem = Assert.Single(again.Problems);
        Assert.Equal(ConnectorFields.Name, problem.Field);
        Assert.Contains("already have an active connector named", problem.Message);
        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
    }

    [Fact]
    public async Task Invalid_fields_are_all_reported_at_once()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, _) = await world.NewPersonAsync();

        var result = await world.Creator.CreateAsync(actor, new ConnectorDraft("bad/name", null, "password", null), default);

        Assert.Equal([ConnectorFields.Name, ConnectorFields.Library, ConnectorFields.Kind], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public async Task Another_persons_library_cannot_be_granted()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, _) = await world.NewPersonAsync();
        var (_, otherLibrary) = await world.NewPersonAsync();

        var result = await world.Creator.CreateAsync(actor, new ConnectorDraft("Sneaky", otherLibrary, "api_key", null), default);

        Assert.Equal(ConnectorFields.Library, Assert.Single(result.Problems).Field);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
    }

    [Fact]
    public async Task Another_orgs_connector_is_invisible_and_untouchable()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (owner, library) = await world.NewPersonAsync();
        var (stranger, _) = await world.NewPersonAsync();
        var key = (await world.Creator.CreateAsync(owner, new ConnectorDraft("Mine", library, "api_key", null), default)).Credential!;

        Assert.Null(await world.Store.FindInOrgAsync(stranger.OrgId, key.ConnectorId));
        Assert.False(await world.Store.ExistsInOrgAsync(stranger.OrgId, key.ConnectorId));
        Assert.Empty(await world.Store.ListForOrgAsync(stranger.OrgId));
        Assert.Equal(RevokeOutcome.NotFound, (await world.Revoker.RevokeAsync(stranger, key.ConnectorId, default)).Outcome);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => world.Renamer.RenameAsync(stranger, key.ConnectorId, "Theirs", default));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => world.Rotator.RotateAsync(stranger, key.ConnectorId, "0", default));
        Assert.True((await world.Verifier.VerifyAsync(key.Secret, default)).IsValid);
    }

    [Fact]
    public async Task Rename_checks_the_name_and_writes_an_audit_row()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var a = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Alpha", library, "api_key", null), default)).Credential!;
        await world.Creator.CreateAsync(actor, new ConnectorDraft("Beta", library, "api_key", null), default);

        Assert.Contains("already have", (await world.Renamer.RenameAsync(actor, a.ConnectorId, "BETA", default))!.Message);
        Assert.Contains("Enter a name", (await world.Renamer.RenameAsync(actor, a.ConnectorId, "   ", default))!.Message);
        Assert.Null(await world.Renamer.RenameAsync(actor, a.ConnectorId, "Gamma", default));

        Assert.Equal("Gamma", (await world.Store.FindInOrgAsync(actor.OrgId, a.ConnectorId))!.Name);
        Assert.Equal("Alpha", await world.ScalarAsync<string>("SELECT details->>'from' FROM audit_events WHERE action = 'connector.rename'"));
    }

    [Fact]
    public async Task An_admin_revokes_someone_elses_connector_and_the_audit_row_names_the_admin()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (owner, library) = await world.NewPersonAsync();
        var oauth = (await world.Creator.CreateAsync(owner, new ConnectorDraft("Owned", library, "oauth_client", null), default)).Credential!;

        var result = await world.Revoker.RevokeAsAdminAsync("admin@autri.test", oauth.ConnectorId, default);

        Assert.Equal(RevokeOutcome.Revoked, result.Outcome);
        await Assert.ThrowsAsync<TokenMintException>(() => world.Minter.MintAsync(oauth.ClientId!, oauth.Secret, default));
        var row = (await world.QueryAsync<(string Actor, string Target, bool ByAdmin, string Owner)>(
            "SELECT actor, target, (details->>'by_admin')::bool, details->>'owner' FROM audit_events WHERE action = 'connector.revoke'")).Single();
        Assert.Equal(("admin@autri.test", "connector:" + oauth.ConnectorId, true, owner.Email), row);
    }

    [Fact]
    public async Task Create_and_revoke_write_audit_rows_without_secrets()
    {
        await using var world = await ConnectorWorld.CreateAsync(fixture.Idp);
        var (actor, library) = await world.NewPersonAsync();
        var oauth = (await world.Creator.CreateAsync(actor, new ConnectorDraft("O", library, "oauth_client", null), default)).Credential!;
        var key = (await world.Creator.CreateAsync(actor, new ConnectorDraft("K", library, "api_key", null), default)).Credential!;
        await world.Revoker.RevokeAsync(actor, oauth.ConnectorId, default);
        await world.Revoker.RevokeAsync(actor, key.ConnectorId, default);

        var rows = await world.QueryAsync<(string Actor, string Action, string Kind, string Details)>(
            "SELECT actor, action, details->>'kind', details::text FROM audit_events ORDER BY id");

        Assert.Equal(["connector.create", "connector.create", "connector.revoke", "connector.revoke"], rows.Select(r => r.Action));
        Assert.Equal(["oauth_client", "api_key", "oauth_client", "api_key"], rows.Select(r => r.Kind));
        Assert.All(rows, r => Assert.Equal(actor.Email, r.Actor));
        Assert.All(rows, r => Assert.DoesNotContain(oauth.Secret, r.Details));
        Assert.All(rows, r => Assert.DoesNotContain(key.Secret, r.Details));
    }
}
