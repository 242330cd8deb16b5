namespace Autri.Infra.Tests.Aws;

public sealed class CognitoIdentityProviderClientTests()
    : FakeAwsTests<CognitoIdentityProviderClient>(AwsService.CognitoIdp, c => new CognitoIdentityProviderClient(c))
{
    private const string Pool = "eu-west-3_AbCdEf123";
    private const string ResourceServer = "https://mcp.example.com";

    // Exactly what the connectors feature sends when it mints an OAuth connector.
    private static CreateUserPoolClientRequest ConnectorClient(string name = "connector 7f3a alice@example.com") => new()
    {
        UserPoolId = Pool,
        ClientName = name,
        GenerateSecret = true,
        AllowedOAuthFlows = ["client_credentials"],
        AllowedOAuthFlowsUserPoolClient = true,
        AllowedOAuthScopes = [ResourceServer + "/mcp.invoke"],
        AccessTokenValidity = 60,
        TokenValidityUnits = new TokenValidityUnitsType { AccessToken = "minutes" },
    };

    protected override void Seed(AwsFakeServer server)
    {
        server.Cognito.AddUserPool(Pool);
        server.Cognito.AddResourceServer(Pool, ResourceServer, "mcp.invoke");
    }

    [Fact]
    public async Task The_connector_app_client_request_is_accepted_and_returns_id_and_secret()
    {
        var created = (await Client.CreateUserPoolClientAsync(ConnectorClient())).UserPoolClient!;

        Assert.Matches("^[a-z0-9]{26}$", created.ClientId);
        Assert.Matches(@"^[\w+]{24,64}$", created.ClientSecret);
        Assert.Equal(["client_credentials"], created.AllowedOAuthFlows);
        Assert.Equal([ResourceServer + "/mcp.invoke"], created.AllowedOAuthScopes);
        Assert.Equal(60, created.AccessTokenValidity);
        Assert.Equal("minutes", created.TokenValidityUnits?.AccessToken);
        Assert.Null(created.ExplicitAuthFlows);
        Assert.NotNull(created.CreationDate);
        var sent = Assert.Single(Aws.Server.Calls).Body;
        Assert.False(sent.TryGetProperty("ExplicitAuthFlows", out var flows), flows.ToString());
        Assert.Equal(60, sent.GetProperty("AccessTokenValidity").GetInt32());
    }

    [Fact]
    public async Task A_client_can_be_described_and_deleted()
    {
        var created = (await Client.CreateUserPoolClientAsync(ConnectorClient())).UserPoolClient!;

        var described = await Client.DescribeUserPoolClientAsync(new() { UserPoolId = Pool, ClientId = created.ClientId! });
        await Client.DeleteUserPoolClientAsync(new() { UserPoolId = Pool, ClientId = created.ClientId! });
        var gone = await Assert.ThrowsAsync<AwsServiceException>(() => Client.DescribeUserPoolClientAsync(new() { UserPoolId = Pool, ClientId = created.ClientId! }));

        Assert.Equal(created.ClientSecret, described.UserPoolClient!.ClientSecret);
        Assert.Equal("ResourceNotFoundException", gone.ErrorCode);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("connector (alice)")]
    [InlineData("")]
    public async Task Client_names_outside_the_models_pattern_are_refused(string name)
    {
        var raw = Aws.Client(AwsService.CognitoIdp);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => raw.InvokeAsync<CreateUserPoolClientRequest, CreateUserPoolClientResponse>(
            "CreateUserPoolClient", ConnectorClient(name), default));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
        Assert.Contains("at 'clientName' failed to satisfy constraint", error.Message);
    }

    [Fact]
    public async Task A_client_name_longer_than_128_characters_is_refused()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client.CreateUserPoolClientAsync(ConnectorClient(new string('x', 129))));

        Assert.Contains("Member must have length less than or equal to 128", error.Message);
    }

    [Fact]
    public async Task An_unknown_scope_and_a_secretless_client_credentials_client_are_refused()
    {
        var scope = await Assert.ThrowsAsync<AwsServiceException>(() => Client.CreateUserPoolClientAsync(ConnectorClient() with { AllowedOAuthScopes = ["https://other.example.com/x"] }));
        var flow = await Assert.ThrowsAsync<AwsServiceException>(() => Client.CreateUserPoolClientAsync(ConnectorClient() with { GenerateSecret = false }));

        Assert.Equal("ScopeDoesNotExistException", scope.ErrorCode);
        Assert.Equal("InvalidOAuthFlowException", flow.ErrorCode);
    }

    [Fact]
    public async Task The_app_client_quota_surfaces_as_LimitExceededException_without_retrying()
    {
        Aws.Server.Cognito.MaxClientsPerPool = 1;
        await Client.CreateUserPoolClientAsync(ConnectorClient());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client.CreateUserPoolClientAsync(ConnectorClient("second")));

        Assert.Equal("LimitExceededException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Equal(2, Aws.Server.Calls.Count);
    }

    [Fact]
    public async Task TooManyRequestsException_is_retried_and_surfaces_when_it_persists()
    {
        var cognito = new CognitoIdentityProviderClient(Aws.Client(AwsService.CognitoIdp, maxAttempts: 2));
        Aws.Server.Failures.Enqueue("AWSCognitoIdentityProviderService.CreateUserPoolClient", "TooManyRequestsException", 400, count: 3, message: "Too many requests");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => cognito.CreateUserPoolClientAsync(ConnectorClient()));
        var created = await cognito.CreateUserPoolClientAsync(ConnectorClient());

        Assert.Equal("TooManyRequestsException", error.ErrorCode);
        Assert.True(error.IsRetryable);
        Assert.NotNull(created.UserPoolClient!.ClientId);
        Assert.Equal(4, Aws.Server.Calls.Count);
    }

    [Fact]
    public async Task Seeded_users_can_be_read_and_deleted_once()
    {
        Aws.Server.Cognito.AddUser(Pool, "alice", new Dictionary<string, string> { ["email"] = "alice@example.com" });

        var user = await Client.AdminGetUserAsync(new() { UserPoolId = Pool, Username = "alice" });
        await Client.AdminDeleteUserAsync(new() { UserPoolId = Pool, Username = "alice" });
        var again = await Assert.ThrowsAsync<AwsServiceException>(() => Client.AdminDeleteUserAsync(new() { UserPoolId = Pool, Username = "alice" }));

        Assert.Equal("alice@example.com", user.UserAttributes!.Single(a => a.Name == "email").Value);
        Assert.Equal("CONFIRMED", user.UserStatus);
        Assert.Equal("UserNotFoundException", again.ErrorCode);
        Assert.False(Aws.Server.Cognito.HasUser(Pool, "alice"));
    }

    [Fact]
    public async Task A_users_groups_are_listed_a_page_at_a_time()
    {
        Aws.Server.Cognito.AddUser(Pool, "alice");
        foreach (var g in new[] { "admins", "beta", "ops" })
        {
            Aws.Server.Cognito.AddGroup(Pool, g, precedence: 3);
            Aws.Server.Cognito.AddUserToGroup(Pool, "alice", g);
        }

        var first = await Client.AdminListGroupsForUserAsync(new() { UserPoolId = Pool, Username = "alice", Limit = 2 });
        var second = await Client.AdminListGroupsForUserAsync(new() { UserPoolId = Pool, Username = "alice", Limit = 2, NextToken = first.NextToken });
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => Client.AdminListGroupsForUserAsync(new() { UserPoolId = Pool, Username = "nobody" }));
        var tooMany = await Assert.ThrowsAsync<AwsServiceException>(() => Client.AdminListGroupsForUserAsync(new() { UserPoolId = Pool, Username = "alice", Limit = 61 }));

        Assert.Equal(["admins", "beta"], first.Groups!.Select(g => g.GroupName));
        Assert.Equal(3, first.Groups![0].Precedence);
        Assert.Equal(Pool, first.Groups![0].UserPoolId);
        Assert.NotNull(first.NextToken);
        Assert.Equal(["ops"], second.Groups!.Select(g => g.GroupName));
        Assert.Null(second.NextToken);
        Assert.Equal("UserNotFoundException", missing.ErrorCode);
        Assert.Equal("InvalidParameterException", tooMany.ErrorCode);
    }

    [Fact]
    public async Task An_unknown_pool_is_not_found()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client.CreateUserPoolClientAsync(ConnectorClient() with { UserPoolId = "eu-west-3_Missing1" }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }
}
