using Autri.Infra.Aws.CognitoIdp;

namespace Autri.Portal.Tests.Deployment;

/// <summary>
/// deploy/contract/portal.json against the portal: with the keys it lists (as infra-cdk gives them to the ECS task)
/// the portal starts in Aws mode, against the strict AWS fake and a test database; without any required one it
/// refuses to start, naming it.
/// </summary>
public sealed class PortalContractTests : IAsyncLifetime
{
    private const string Region = "eu-west-3";
    private const string PoolId = Region + "_Contract1";

    /// <summary>Set only to reach the fake and the test's Postgres (which has no TLS); never by a deployment.</summary>
    private static readonly string[] TestOnly =
        ["Aws:Ssm:ServiceUrl", "Aws:CognitoIdp:ServiceUrl", "Aws:Logs:ServiceUrl", "Aws:CostExplorer:ServiceUrl", "Aws:Budgets:ServiceUrl", "Aws:CloudWatch:ServiceUrl", "Database:SslMode"];

    /// <summary>Read by ASP.NET Core itself from the environment, not through the portal's configuration; the test passes --urls.</summary>
    private static readonly string[] HostOnly = ["ASPNETCORE_URLS"];

    private readonly AwsFakeServer _aws = new(RepoPaths.AwsModels, Region);
    private NpgsqlConnectionStringBuilder _db = default!;
    private string _clientId = "";
    private string _clientSecret = "";
    private string _mcpClientId = "";

    public async Task InitializeAsync()
    {
        await _aws.StartAsync();
        _aws.Cognito.AddUserPool(PoolId);
        using var http = new HttpClient();
        var cognito = new CognitoIdentityProviderClient(new AwsJsonClient(AwsClientSettings.For(AwsService.CognitoIdp, Region, _aws.BaseUrl), http,
            new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey)));
        var client = (await cognito.CreateUserPoolClientAsync(new CreateUserPoolClientRequest { UserPoolId = PoolId, ClientName = "autri-portal", GenerateSecret = true })).UserPoolClient!;
        (_clientId, _clientSecret) = (client.ClientId!, client.ClientSecret!);
        _mcpClientId = (await cognito.CreateUserPoolClientAsync(new CreateUserPoolClientRequest { UserPoolId = PoolId, ClientName = "autri-mcp-client" })).UserPoolClient!.ClientId!;
        _db = new NpgsqlConnectionStringBuilder(await TestDatabase.NewAsync("portalcontract"));
        // In Aws mode the portal applies no migration: the migrate step has, as the owner, before it starts.
        await using var owner = NpgsqlDataSource.Create(_db.ConnectionString);
        await new Migrator(owner).ApplyAsync();
    }

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private Dictionary<string, string?> Production(int port) => new()
    {
        ["Portal:Mode"] = "Aws",
        ["Portal:PublicUrl"] = $"http://127.0.0.1:{port}",
        ["Portal:ContactEmail"] = "beta@autri.test",
        ["Portal:McpEndpoint"] = "https://mcp.autri.test/mcp",
        ["Portal:ParameterPrefix"] = "/autri/beta",
        ["Portal:AllowlistParameter"] = "/autri/beta/ALLOWED_EMAILS",
        ["Portal:TrustForwardedHeaders"] = "true",
        ["Database:Host"] = _db.Host,
        ["Database:Port"] = _db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Database:Name"] = _db.Database,
        ["Database:Username"] = AppRoles.Portal,
        ["Database:Password"] = "not-checked-by-trust-auth",
        ["Identity:Authority"] = $"https://cognito-idp.{Region}.amazonaws.com/{PoolId}",
        ["Identity:ClientId"] = _clientId,
        ["Identity:LogoutStyle"] = "Cognito",
        ["Identity:LogoutEndpoint"] = "https://auth.autri.test/logout",
        ["Connectors:Registry"] = "Cognito",
        ["Connectors:UserPoolId"] = PoolId,
        ["Connectors:McpClientId"] = _mcpClientId,
        ["Connectors:Scope"] = "https://mcp.autri.test/mcp.invoke",
        ["Connectors:ApiKeysEnabled"] = "false",
        ["Connectors:OAuthClientsEnabled"] = "false",
        ["ApiKeys:CurrentPepperVersion"] = "1",
        ["ApiKeys:Peppers:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["DataProtection:EncryptionKeys"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Aws:Region"] = Region,
        ["Aws:AccountId"] = "123456789012",
        ["Logs:Groups:portal"] = "/autri/beta/portal",
        ["Logs:Groups:mcp"] = "/aws/bedrock-agentcore/runtimes/autri_beta_mcp-AbCdEf1234-DEFAULT",
        ["Logs:Groups:triggers"] = "/aws/lambda/autri-beta-post-confirmation,/aws/lambda/autri-beta-pre-token-generation",
        ["Aws:Ssm:ServiceUrl"] = _aws.BaseUrl,
        ["Aws:CognitoIdp:ServiceUrl"] = _aws.BaseUrl,
        ["Aws:Logs:ServiceUrl"] = _aws.BaseUrl,
        ["Aws:CostExplorer:ServiceUrl"] = _aws.BaseUrl,
        ["Aws:Budgets:ServiceUrl"] = _aws.BaseUrl,
        ["Aws:CloudWatch:ServiceUrl"] = _aws.BaseUrl,
        ["Metrics:Namespace"] = "Autri/beta",
        ["AgentApi:Token"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Database:SslMode"] = "Disable",
    };

    public static TheoryData<string> RequiredKeys() => new(DeployContract.Keys("portal").Where(k => k.Required).Select(k => k.Key));

    [Fact]
    public void The_test_supplies_exactly_the_contract_s_keys()
    {
        Assert.Equal(DeployContract.Keys("portal").Select(k => k.Key).Except(HostOnly).Order(), Production(1).Keys.Except(TestOnly).Order());
    }

    [Fact]
    public async Task With_the_contract_s_keys_the_portal_starts_in_aws_mode_and_reads_its_client_secret_from_cognito()
    {
        var port = FreePort.Next();
        var app = Create(Production(port), port);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient();
            var ready = false;
            for (var i = 0; i < 300 && !ready; i++)
            {
                ready = (await http.GetAsync($"http://127.0.0.1:{port}/readyz")).IsSuccessStatusCode;
                if (!ready) await Task.Delay(100);
            }
            Assert.True(ready, "/readyz never answered 200");
            Assert.Equal(_clientSecret, await app.Services.GetRequiredService<CognitoClientSecret>().GetAsync());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public async Task Without_a_required_key_the_portal_refuses_to_start_naming_it(string key)
    {
        var port = FreePort.Next();
        var settings = Production(port);
        settings.Remove(key);

        var refused = await Record.ExceptionAsync(async () =>
        {
            var app = Create(settings, port);
            await app.StartAsync();
            await app.StopAsync();
            await app.DisposeAsync();
        });

        Assert.NotNull(refused);
        Assert.Contains(key, refused.Message);
    }

    private static WebApplication Create(Dictionary<string, string?> settings, int port) =>
        PortalApp.Create(["--urls", $"http://127.0.0.1:{port}", "--environment", "Test"], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            PortalInstance.SignWithFakeAwsKeys(b);
        });
}
