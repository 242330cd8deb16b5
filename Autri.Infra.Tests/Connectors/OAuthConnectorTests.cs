namespace Autri.Infra.Tests.Connectors;

public class OAuthConnectorTests(IdpFixture fixture) : IClassFixture<IdpFixture>
{
    private DevIdentityProvider Idp => fixture.Idp;

    [Fact]
    public async Task A_new_oauth_connector_mints_tokens_that_validate_and_carry_its_id_and_scope()
    {
        await using var world = await ConnectorWorld.CreateAsync(Idp);
        var (actor, library) = await world.NewPersonAsync();

        var result = await world.Creator.CreateAsync(actor, new ConnectorDraft("Claude Desktop", library, "oauth_client", null), default);

        var credential = Assert.IsType<NewCredential>(result.Credential);
        Assert.Equal(ConnectorKind.OAuthClient, credential.Kind);
        var token = await world.Minter.MintAsync(credential.ClientId!, credential.Secret, default);
        var jwt = await AccessTokens.ValidateAsync(world.Issuer, token.AccessToken);
        Assert.Contains("mcp.invoke", jwt.GetClaim("scope").Value.Split(' '));
        Assert.Equal(credential.ConnectorId.ToString(), jwt.GetClaim("connector_id").Value);
        Assert.Equal(credential.ClientId, jwt.GetClaim("client_id").Value);
        Assert.True(token.ExpiresAt > world.Clock.GetUtcNow().AddMinutes(50));
    }

    [Fact]
    public async Task The_row_holds_the_client_id_and_an_encrypted_registration_token_but_never_the_secret()
    {
        await using var world = await ConnectorWorld.CreateAsync(Idp);
        var (actor, library) = await world.NewPersonAsync();

        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Stored", library, "oauth_client", null), default)).Credential!;

        var row = (await world.QueryAsync<(string ClientId, string Encrypted)>(
            "SELECT client_id, registration_token_encrypted FROM connectors WHERE id = @id", new { id = credential.ConnectorId })).Single();
        Assert.Equal(credential.ClientId, row.ClientId);
        Assert.DoesNotContain("registration_access_token", row.Encrypted);
        Assert.Contains("registration_access_token", world.Handles.Unprotect(row.Encrypted));
        var everything = await world.ScalarAsync<string>("SELECT string_agg(t::text, ' ') FROM connectors t");
        Assert.DoesNotContain(credential.Secret, everything);
        var audit = await world.ScalarAsync<string>("SELECT string_agg(details::text, ' ') FROM audit_events");
        Assert.DoesNotContain(credential.Secret, audit);
    }

    [Fact]
    public async Task The_registered_client_is_named_by_the_connector_id_so_a_rename_leaves_it_alone()
    {
        await using var world = await ConnectorWorld.CreateAsync(Idp);
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Laptop", library, "oauth_client", null), default)).Credential!;

        Assert.Null(await world.Renamer.RenameAsync(actor, credential.ConnectorId, "Desktop", default));

        // RFC 7592 read of the client's configuration, with the handle the portal stored.
        var handle = JsonDocument.Parse(world.Handles.Unprotect(await world.ScalarAsync<string>(
            "SELECT registration_token_encrypted FROM connectors WHERE id = @id", new { id = credential.ConnectorId }))!).RootElement;
        using var http = new HttpClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, handle.GetProperty("registration_client_uri").GetString());
        read.Headers.Authorization = new("Bearer", handle.GetProperty("registration_access_token").GetString());
        using var response = await http.SendAsync(read);
        response.EnsureSuccessStatusCode();
        var client = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal($"autri-connector-{credential.ConnectorId}", client.GetProperty("client_name").GetString());
        Assert.Equal(credential.ConnectorId.ToString(), client.GetProperty("connector_id").GetString());
        await world.Minter.MintAsync(credential.ClientId!, credential.Secret, default);
    }

    [Fact]
    public async Task Revoked_oauth_connector_is_refused_at_the_token_endpoint()
    {
        await using var world = await ConnectorWorld.CreateAsync(Idp);
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("To revoke", library, "oauth_client", null), default)).Credential!;
        await world.Minter.MintAsync(credential.ClientId!, credential.Secret, default);

        var revoked = await world.Revoker.RevokeAsync(actor, credential.ConnectorId, default);

        Assert.Equal(RevokeOutcome.Revoked, revoked.Outcome);
        var refused = await Assert.ThrowsAsync<TokenMintException>(() => world.Minter.MintAsync(credential.ClientId!, credential.Secret, default));
        Assert.Equal("invalid_client", refused.OAuthError);
        Assert.NotNull((await world.Store.FindInOrgAsync(actor.OrgId, credential.ConnectorId))!.RevokedAt);
        Assert.Equal(RevokeOutcome.AlreadyRevoked, (await world.Revoker.RevokeAsync(actor, credential.ConnectorId, default)).Outcome);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_a_clear_message()
    {
        await using var world = await ConnectorWorld.CreateAsync(Idp);
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Wrong secret", library, "oauth_client", null), default)).Credential!;

        var refused = await Assert.ThrowsAsync<TokenMintException>(() => world.Minter.MintAsync(credential.ClientId!, credential.Secret + "x", default));

        Assert.Equal("invalid_client", refused.OAuthError);
        Assert.Contains("secret is wrong", refused.Message);
    }

    [Fact]
    public async Task A_refused_registration_leaves_no_connector_row()
    {
        await using var world = await ConnectorWorld.CreateAsync(Idp, new Dictionary<string, string?> { ["Connectors:RegistrationToken"] = "not-the-token" });
        var (actor, library) = await world.NewPersonAsync();

        var result = await world.Creator.CreateAsync(actor, new ConnectorDraft("Refused", library, "oauth_client", null), default);

        Assert.Null(result.Credential);
        Assert.Contains("refused", Assert.Single(result.Problems).Message);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM audit_events"));
    }

    [Fact]
    public async Task An_unreachable_registry_leaves_no_connector_row()
    {
        await using var world = await ConnectorWorld.CreateAsync(Idp, new Dictionary<string, string?>
        {
            ["Connectors:RegistrationEndpoint"] = $"http://127.0.0.1:{FreePort.Next()}/reg",
        });
        var (actor, library) = await world.NewPersonAsync();

        var result = await world.Creator.CreateAsync(actor, new ConnectorDraft("Unreachable", library, "oauth_client", null), default);

        Assert.Contains("could not be reached", Assert.Single(result.Problems).Message);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
    }

    [Fact]
    public async Task A_database_failure_after_registration_deletes_the_client_again()
    {
        RecordingRegistry? recorder = null;
        await using var world = await ConnectorWorld.CreateAsync(Idp, decorate: (real, _) => recorder = new RecordingRegistry(real));
        var (actor, library) = await world.NewPersonAsync();
        // Once the client exists, kill the creator's database session, as a failover or a network cut would.
        recorder!.AfterRegister = () => world.TerminateIdleTransactionsAsync();

        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => world.Creator.CreateAsync(actor, new ConnectorDraft("Doomed", library, "oauth_client", null), default));

        var client = Assert.Single(recorder.Registered);
        Assert.Equal([client.ClientId], recorder.Deleted);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
        var refused = await Assert.ThrowsAsync<TokenMintException>(() => world.Minter.MintAsync(client.ClientId, client.ClientSecret, default));
        Assert.Equal("invalid_client", refused.OAuthError);
    }

    [Fact]
    public async Task A_registry_that_cannot_delete_keeps_the_connector_active_and_says_why()
    {
        RecordingRegistry? recorder = null;
        await using var world = await ConnectorWorld.CreateAsync(Idp, decorate: (real, _) => recorder = new RecordingRegistry(real));
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Sticky", library, "oauth_client", null), default)).Credential!;
        recorder!.FailDeletes = true;

        var result = await world.Revoker.RevokeAsync(actor, credential.ConnectorId, default);

        Assert.Equal(RevokeOutcome.Failed, result.Outcome);
        Assert.Contains("could not be reached", result.Message);
        Assert.Null((await world.Store.FindInOrgAsync(actor.OrgId, credential.ConnectorId))!.RevokedAt);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'connector.revoke'"));
        await world.Minter.MintAsync(credential.ClientId!, credential.Secret, default);
    }
}
