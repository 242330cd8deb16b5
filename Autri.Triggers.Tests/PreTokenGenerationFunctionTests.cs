using Autri.Triggers.PreTokenGeneration;

namespace Autri.Triggers.Tests;

public class PreTokenGenerationFunctionTests
{
    private const string ClientCredentialsSample = "pre-token-v3-client-credentials.docs.json";
    private const string SampleClient = "1example23456789";

    /// <summary>A user with their Personal library, and an OAuth connector on it for <paramref name="clientId"/>.</summary>
    private static async Task<Guid> AddConnectorAsync(TriggerDeployment triggers, string clientId, DateTimeOffset? revokedAt = null, DateTimeOffset? expiresAt = null)
    {
        var owner = await new ProvisioningService(triggers.Db, TimeProvider.System)
            .EnsureProvisionedAsync(new NewIdentity("sub-" + clientId, clientId + "@example.com", "Owner", EmailVerified: true), recordSignIn: false);
        var id = Guid.CreateVersion7();
        await using var conn = await triggers.Db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, client_id, revoked_at, expires_at)
            VALUES (@id, @OrgId, @UserId, @LibraryId, @name, 'oauth_client', @clientId, @revokedAt, @expiresAt)
            """, new { id, owner.OrgId, owner.UserId, owner.LibraryId, name = "Claude " + clientId, clientId, revokedAt, expiresAt });
        return id;
    }

    private static JsonNode Response(byte[] json) => JsonNode.Parse(json)!["response"]!;

    [Fact]
    public async Task A_live_connector_gets_connector_id_in_the_documented_access_token_override()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var connector = await AddConnectorAsync(triggers, SampleClient);
        var input = CognitoSamples.Read(ClientCredentialsSample);

        var output = await LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, input);

        var expected = JsonNode.Parse(input)!;
        expected["response"]!["claimsAndScopeOverrideDetails"] = JsonNode.Parse($$"""
            { "accessTokenGeneration": { "claimsToAddOrOverride": { "connector_id": "{{connector}}" } } }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(output)), Encoding.UTF8.GetString(output));
        var line = Assert.Single(triggers.Events("pretoken_connector_claim"));
        Assert.Equal(connector.ToString(), line.GetProperty("connector_id").GetString());
        Assert.Equal(SampleClient, line.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task The_claim_sits_where_AWS_documents_overrides_and_keeps_any_already_there()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var connector = await AddConnectorAsync(triggers, SampleClient);
        // AWS's reconstructed V3 response: the same path, holding other claims and scope changes.
        var documented = CognitoSamples.Read("pre-token-v3-client-credentials-response.RECONSTRUCTED.json");

        var output = await LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, documented);

        var access = Response(output)["claimsAndScopeOverrideDetails"]!["accessTokenGeneration"]!;
        Assert.Equal(connector.ToString(), (string?)access["claimsToAddOrOverride"]!["connector_id"]);
        Assert.Equal("acme", (string?)access["claimsToAddOrOverride"]!["tenant"]);
        Assert.True(JsonNode.DeepEquals(Response(documented)["claimsAndScopeOverrideDetails"]!["accessTokenGeneration"]!["scopesToAdd"], access["scopesToAdd"]));
    }

    [Fact]
    public async Task The_post_body_variant_of_the_documented_event_works_the_same()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var connector = await AddConnectorAsync(triggers, "7example8901234");
        var input = CognitoSamples.Read("pre-token-v3-client-credentials-post-body.docs.json", (SampleClient, "7example8901234"));

        var output = await LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, input);

        Assert.Equal(connector.ToString(), (string?)Response(output)["claimsAndScopeOverrideDetails"]!["accessTokenGeneration"]!["claimsToAddOrOverride"]!["connector_id"]);
    }

    [Fact]
    public async Task An_unknown_client_gets_no_claim_and_a_warning_line()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        await AddConnectorAsync(triggers, "someotherclient1");
        var input = CognitoSamples.Read(ClientCredentialsSample);

        var output = await LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, input);

        Assert.Equal(input, output);
        var line = Assert.Single(triggers.Events("pretoken_unknown_client"));
        Assert.Equal(SampleClient, line.GetProperty("client_id").GetString());
        Assert.Equal("warn", line.GetProperty("level").GetString());
        Assert.Empty(triggers.Events("trigger_failed"));
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("expired")]
    public async Task A_revoked_or_expired_connector_gets_no_token_at_all(string state)
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var past = DateTimeOffset.UtcNow.AddMinutes(-5);
        var connector = await AddConnectorAsync(triggers, SampleClient,
            revokedAt: state == "revoked" ? past : null,
            expiresAt: state == "expired" ? past : DateTimeOffset.UtcNow.AddDays(30));

        var refused = await Assert.ThrowsAsync<ConnectorRefusedException>(() =>
            LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, CognitoSamples.Read(ClientCredentialsSample)));

        Assert.Equal(PreTokenGenerationFunction.RefusedMessage, refused.Message);
        Assert.Equal(connector, refused.ConnectorId);
        var line = Assert.Single(triggers.Events("pretoken_connector_refused"));
        Assert.Equal(state, line.GetProperty("reason").GetString());
        Assert.Equal(connector.ToString(), line.GetProperty("connector_id").GetString());
        Assert.Empty(triggers.Events("trigger_failed"));
    }

    [Fact]
    public async Task A_connector_whose_owner_is_no_longer_invited_gets_no_token_until_they_are_again()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var connector = await AddConnectorAsync(triggers, SampleClient);
        await using (var conn = await triggers.Db.OpenConnectionAsync())
            await conn.ExecuteAsync("INSERT INTO suspended_owners (user_id) SELECT created_by FROM connectors WHERE id = @connector", new { connector });

        var refused = await Assert.ThrowsAsync<ConnectorRefusedException>(() =>
            LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, CognitoSamples.Read(ClientCredentialsSample)));
        await using (var conn = await triggers.Db.OpenConnectionAsync())
            await conn.ExecuteAsync("DELETE FROM suspended_owners");
        var output = await LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, CognitoSamples.Read(ClientCredentialsSample));

        Assert.Equal(PreTokenGenerationFunction.SuspendedMessage, refused.Message);
        Assert.Equal(Autri.Domain.Connectors.ConnectorStatus.Suspended, refused.Status);
        Assert.Equal("suspended", Assert.Single(triggers.Events("pretoken_connector_refused")).GetProperty("reason").GetString());
        Assert.NotNull(Response(output)["claimsAndScopeOverrideDetails"]);
    }

    [Fact]
    public async Task A_connector_that_expires_later_is_still_live()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        await AddConnectorAsync(triggers, SampleClient, expiresAt: DateTimeOffset.UtcNow.AddDays(1));

        var output = await LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, CognitoSamples.Read(ClientCredentialsSample));

        Assert.NotNull(Response(output)["claimsAndScopeOverrideDetails"]);
    }

    [Theory]
    [InlineData("pre-token-v2-hostedauth.docs.json")]
    [InlineData("pre-token-v2-authentication.docs.json")]
    [InlineData("pre-token-v2_0.aws-lambda-go.json")]
    [InlineData("pre-token-v1-newpasswordchallenge.aws-lambda-dotnet.json")]
    public async Task User_token_events_come_back_unchanged_without_touching_the_database(string sample)
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var input = CognitoSamples.Read(sample);

        var output = await LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, input);

        Assert.Equal(input, output);
        Assert.Empty(triggers.SecretCalls);
        Assert.Empty(triggers.LogLines());
    }

    [Fact]
    public async Task A_client_credentials_event_without_a_client_id_fails_naming_the_member()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        var input = CognitoSamples.Read(ClientCredentialsSample, ($"\"clientId\": \"{SampleClient}\"", "\"clientId\": null"));

        var failed = await Assert.ThrowsAsync<TriggerFailedException>(() =>
            LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, input));

        Assert.Equal(PreTokenGenerationFunction.FailureMessage, failed.Message);
        Assert.Equal("The pre-token-generation event has no callerContext.clientId (a non-empty string)", failed.InnerException!.Message);
        var line = Assert.Single(triggers.Events("trigger_failed"));
        Assert.Equal("pre-token-generation", line.GetProperty("trigger").GetString());
        Assert.Equal("the event is malformed", line.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task When_the_database_is_unreachable_the_token_fails_logged()
    {
        await using var triggers = await TriggerDeployment.StartAsync();
        triggers.Environment[TriggerSettings.DbPortKey] = FreePortNumber().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var failed = await Assert.ThrowsAsync<TriggerFailedException>(() =>
            LambdaRuntime.InvokeAsync(new PreTokenGenerationFunction(triggers.Host).HandleAsync, CognitoSamples.Read(ClientCredentialsSample)));

        Assert.IsAssignableFrom<Npgsql.NpgsqlException>(failed.InnerException);
        var line = Assert.Single(triggers.Events("trigger_failed"));
        Assert.Equal("the database call failed", line.GetProperty("reason").GetString());
        Assert.Equal(SampleClient, line.GetProperty("client_id").GetString());
    }

    private static int FreePortNumber() => Autri.Testing.FreePort.Next();
}
