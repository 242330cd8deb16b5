namespace Autri.Infra.Tests.Connectors;

/// <summary>
/// The Cognito adapter at the wire: the whole connector service (real Postgres) against the strict AWS fake,
/// which validates every request against AWS's cognito-idp model and checks SigV4.
/// </summary>
public sealed class CognitoClientRegistryTests : IAsyncLifetime
{
    private const string Pool = "eu-west-3_AbCdEf123";
    private const string Scope = "https://mcp.example.com/mcp.invoke";
    private const string Create = "AWSCognitoIdentityProviderService.CreateUserPoolClient";
    private const string Delete = "AWSCognitoIdentityProviderService.DeleteUserPoolClient";

    private AwsFakeServer _aws = default!;
    private string _portalClientId = "";
    private string _mcpClientId = "";

    public async Task InitializeAsync()
    {
        _aws = new AwsFakeServer(RepoPaths.AwsModels, "eu-west-3");
        await _aws.StartAsync();
        _aws.Cognito.AddUserPool(Pool);
        _aws.Cognito.AddResourceServer(Pool, "https://mcp.example.com", "mcp.invoke");
        // The deployment's own clients, as infra-cdk makes them: the portal's (confidential) and the public MCP client.
        using var http = new HttpClient();
        var cognito = new CognitoIdentityProviderClient(new AwsJsonClient(AwsClientSettings.For(AwsService.CognitoIdp, "eu-west-3", _aws.BaseUrl), http,
            new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey)));
        _portalClientId = (await cognito.CreateUserPoolClientAsync(new CreateUserPoolClientRequest { UserPoolId = Pool, ClientName = "autri-portal", GenerateSecret = true })).UserPoolClient!.ClientId!;
        _mcpClientId = (await cognito.CreateUserPoolClientAsync(new CreateUserPoolClientRequest { UserPoolId = Pool, ClientName = "autri-mcp-client" })).UserPoolClient!.ClientId!;
        _aws.ClearCalls();
    }

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    /// <summary>App clients in the pool besides the deployment's own two.</summary>
    private int ConnectorClientCount => _aws.Cognito.ClientCount(Pool) - 2;

    private Task<ConnectorWorld> WorldAsync(Func<IClientRegistry, IServiceProvider, IClientRegistry>? decorate = null) =>
        ConnectorWorld.CreateAsync("https://cognito-idp.eu-west-3.amazonaws.com/" + Pool, new Dictionary<string, string?>
        {
            ["Connectors:Registry"] = "Cognito",
            ["Connectors:UserPoolId"] = Pool,
            ["Connectors:McpClientId"] = _mcpClientId,
            ["Identity:ClientId"] = _portalClientId,
            ["Connectors:Scope"] = Scope,
            ["Connectors:AccessTokenMinutes"] = "60",
            ["Connectors:RegistrationToken"] = null,
            ["Aws:Region"] = "eu-west-3",
            ["Aws:CognitoIdp:ServiceUrl"] = _aws.BaseUrl,
            ["Aws:MaxAttempts"] = "3",
            ["Aws:RetryBaseDelay"] = "00:00:00.001",
            ["Aws:RetryMaxDelay"] = "00:00:00.005",
        }, decorate, services => services.AddSingleton<IAwsCredentialsSource>(new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey)));

    [Fact]
    public async Task An_oauth_connector_is_a_client_credentials_app_client_with_the_mcp_scope_and_a_secret()
    {
        await using var world = await WorldAsync();
        var (actor, library) = await world.NewPersonAsync();

        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Büro Zürich laptop", library, "oauth_client", null), default)).Credential!;

        Assert.IsType<CognitoClientRegistry>(world.Registry);
        var client = _aws.Cognito.Client(Pool, credential.ClientId!)!;
        Assert.Equal(credential.Secret, client["ClientSecret"]!.GetValue<string>());
        Assert.Equal("client_credentials", Assert.Single(client["AllowedOAuthFlows"]!.AsArray())!.GetValue<string>());
        Assert.Equal(Scope, Assert.Single(client["AllowedOAuthScopes"]!.AsArray())!.GetValue<string>());
        Assert.True(client["AllowedOAuthFlowsUserPoolClient"]!.GetValue<bool>());
        Assert.Equal(60, client["AccessTokenValidity"]!.GetValue<int>());
        Assert.Equal("minutes", client["TokenValidityUnits"]!["AccessToken"]!.GetValue<string>());
        // Named by the connector's id, which never changes, not by its name, which may.
        Assert.Equal($"autri-connector-{credential.ConnectorId}", client["ClientName"]!.GetValue<string>());
        var row = (await world.QueryAsync<(string ClientId, string? Handle)>(
            "SELECT client_id, registration_token_encrypted FROM connectors WHERE id = @id", new { id = credential.ConnectorId })).Single();
        Assert.Equal((credential.ClientId!, (string?)null), row);
    }

    [Fact]
    public async Task Renaming_an_oauth_connector_leaves_its_app_client_as_it_was()
    {
        await using var world = await WorldAsync();
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Laptop", library, "oauth_client", null), default)).Credential!;
        var before = _aws.Cognito.Client(Pool, credential.ClientId!)!.ToJsonString();
        var calls = _aws.Calls.Count;

        Assert.Null(await world.Renamer.RenameAsync(actor, credential.ConnectorId, "Desktop", default));

        Assert.Equal(calls, _aws.Calls.Count);
        Assert.Equal(before, _aws.Cognito.Client(Pool, credential.ClientId!)!.ToJsonString());
        Assert.Equal($"autri-connector-{credential.ConnectorId}", _aws.Cognito.Client(Pool, credential.ClientId!)!["ClientName"]!.GetValue<string>());
        Assert.Equal("Desktop", (await world.Store.FindInOrgAsync(actor.OrgId, credential.ConnectorId))!.Name);
    }

    [Fact]
    public async Task LimitExceededException_is_a_clear_message_and_nothing_is_created()
    {
        await using var world = await WorldAsync();
        var (actor, library) = await world.NewPersonAsync();
        _aws.Cognito.MaxClientsPerPool = 0;

        var result = await world.Creator.CreateAsync(actor, new ConnectorDraft("Over quota", library, "oauth_client", null), default);

        Assert.Equal("The identity provider has reached its limit of OAuth clients. Nothing was created; create an API key instead, or ask an administrator to raise the limit.",
            Assert.Single(result.Problems).Message);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
        Assert.Equal(0, ConnectorClientCount);
    }

    [Fact]
    public async Task TooManyRequestsException_that_persists_is_a_clear_message_and_nothing_is_created()
    {
        await using var world = await WorldAsync();
        var (actor, library) = await world.NewPersonAsync();
        _aws.Failures.Enqueue(Create, "TooManyRequestsException", 400, count: 3, message: "Too many requests");

        var result = await world.Creator.CreateAsync(actor, new ConnectorDraft("Throttled", library, "oauth_client", null), default);

        Assert.Equal("The identity provider is busy and asked us to slow down. Nothing was created; please try again in a minute.", Assert.Single(result.Problems).Message);
        Assert.Equal(3, _aws.Calls.Count(c => c.Target == Create));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
        Assert.Equal(0, ConnectorClientCount);

        var retried = await world.Creator.CreateAsync(actor, new ConnectorDraft("Throttled", library, "oauth_client", null), default);
        Assert.NotNull(retried.Credential);
    }

    [Fact]
    public async Task A_throttle_that_passes_within_the_retries_creates_exactly_one_client()
    {
        await using var world = await WorldAsync();
        var (actor, library) = await world.NewPersonAsync();
        _aws.Failures.Enqueue(Create, "TooManyRequestsException", 400, count: 2);

        var result = await world.Creator.CreateAsync(actor, new ConnectorDraft("Eventually", library, "oauth_client", null), default);

        Assert.NotNull(result.Credential);
        Assert.Equal(1, ConnectorClientCount);
        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
    }

    [Fact]
    public async Task A_database_failure_after_CreateUserPoolClient_deletes_the_app_client()
    {
        RecordingRegistry? recorder = null;
        await using var world = await WorldAsync((real, _) => recorder = new RecordingRegistry(real));
        var (actor, library) = await world.NewPersonAsync();
        recorder!.AfterRegister = () => world.TerminateIdleTransactionsAsync();

        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => world.Creator.CreateAsync(actor, new ConnectorDraft("Doomed", library, "oauth_client", null), default));

        Assert.Equal(1, _aws.CallCount(Create));
        Assert.Equal(1, _aws.CallCount(Delete));
        Assert.Equal(0, ConnectorClientCount);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM connectors"));
    }

    [Fact]
    public async Task Revoking_deletes_the_app_client()
    {
        await using var world = await WorldAsync();
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Bye", library, "oauth_client", null), default)).Credential!;

        var result = await world.Revoker.RevokeAsync(actor, credential.ConnectorId, default);

        Assert.Equal(RevokeOutcome.Revoked, result.Outcome);
        Assert.Null(_aws.Cognito.Client(Pool, credential.ClientId!));
        Assert.Equal(1, _aws.CallCount(Delete));
    }

    [Fact]
    public async Task A_client_already_deleted_in_cognito_still_revokes()
    {
        await using var world = await WorldAsync();
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Gone", library, "oauth_client", null), default)).Credential!;
        await world.Registry.DeleteAsync(new ConnectorClientTarget(credential.ConnectorId, actor.OrgId, ConnectorKind.OAuthClient, credential.ClientId!, actor.OrgId), null, default);

        var result = await world.Revoker.RevokeAsync(actor, credential.ConnectorId, default);

        Assert.Equal(RevokeOutcome.Revoked, result.Outcome);
        Assert.NotNull((await world.Store.FindInOrgAsync(actor.OrgId, credential.ConnectorId))!.RevokedAt);
    }

    [Fact]
    public async Task A_throttled_delete_keeps_the_connector_and_its_client_and_says_so()
    {
        await using var world = await WorldAsync();
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Busy", library, "oauth_client", null), default)).Credential!;
        _aws.Failures.Enqueue(Delete, "TooManyRequestsException", 400, count: 3);

        var result = await world.Revoker.RevokeAsync(actor, credential.ConnectorId, default);

        Assert.Equal(RevokeOutcome.Failed, result.Outcome);
        Assert.Contains("slow down", result.Message);
        Assert.NotNull(_aws.Cognito.Client(Pool, credential.ClientId!));
        Assert.Null((await world.Store.FindInOrgAsync(actor.OrgId, credential.ConnectorId))!.RevokedAt);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'connector.revoke'"));
    }

    public static TheoryData<string, bool> OwnClients() => new() { { "portal", false }, { "portal", true }, { "mcp", false }, { "mcp", true } };

    [Theory]
    [MemberData(nameof(OwnClients))]
    public async Task A_connector_row_naming_one_of_the_deployment_s_own_clients_is_never_deleted_at_cognito(string which, bool byAdmin)
    {
        await using var world = await WorldAsync();
        var (actor, library) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(actor, new ConnectorDraft("Tampered", library, "oauth_client", null), default)).Credential!;
        // As if someone with write access to the database pointed the row at the portal's or the MCP client.
        var ownClient = which == "portal" ? _portalClientId : _mcpClientId;
        await world.ScalarAsync<int>("UPDATE connectors SET client_id = @ownClient WHERE id = @id RETURNING 1", new { ownClient, id = credential.ConnectorId });

        var result = byAdmin
            ? await world.Revoker.RevokeAsAdminAsync("admin@example.com", credential.ConnectorId, default)
            : await world.Revoker.RevokeAsync(actor, credential.ConnectorId, default);

        Assert.Equal(RevokeOutcome.Failed, result.Outcome);
        Assert.Contains("refused", result.Message);
        Assert.Equal(0, _aws.CallCount(Delete));
        Assert.NotNull(_aws.Cognito.Client(Pool, ownClient));
        Assert.Null((await world.Store.FindInOrgAsync(actor.OrgId, credential.ConnectorId))!.RevokedAt);
    }

    [Fact]
    public async Task The_registry_refuses_a_client_of_another_org_s_connector_without_calling_cognito()
    {
        await using var world = await WorldAsync();
        var (owner, library) = await world.NewPersonAsync();
        var (stranger, _) = await world.NewPersonAsync();
        var credential = (await world.Creator.CreateAsync(owner, new ConnectorDraft("Not yours", library, "oauth_client", null), default)).Credential!;

        var refused = await Assert.ThrowsAsync<ClientRegistryException>(() => world.Registry.DeleteAsync(
            new ConnectorClientTarget(credential.ConnectorId, owner.OrgId, ConnectorKind.OAuthClient, credential.ClientId!, stranger.OrgId), null, default));

        Assert.Equal(ClientRegistryFailure.Refused, refused.Failure);
        Assert.Equal(0, _aws.CallCount(Delete));
        Assert.NotNull(_aws.Cognito.Client(Pool, credential.ClientId!));
    }
}

