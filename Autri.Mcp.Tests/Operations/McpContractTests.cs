using Autri.AwsFake;
using Autri.Infra.Aws;

namespace Autri.Mcp.Tests.Operations;

/// <summary>
/// deploy/contract/mcp.json against the server: with the keys it lists (as infra-cdk gives them to AgentCore) the
/// server starts and reaches its database, the password read from Secrets Manager; without any required one it
/// refuses to start, naming it.
/// </summary>
public sealed class McpContractTests : IAsyncLifetime
{
    private const string Region = "eu-west-3";

    /// <summary>Set only to reach the test's fakes and its Postgres (which has no TLS); never by a deployment.</summary>
    private static readonly string[] TestOnly = ["Aws:SecretsManager:ServiceUrl", "Database:SslMode"];

    private readonly AwsFakeServer _aws = new(RepoPaths.AwsModels, Region);
    private NpgsqlConnectionStringBuilder _db = default!;
    private string _secretArn = "";

    public async Task InitializeAsync()
    {
        await _aws.StartAsync();
        _db = new NpgsqlConnectionStringBuilder(await TestDatabase.NewAsync("mcpcontract"));
        // In Aws mode the server applies no migration: the migrate step has, as the owner, before it starts.
        await using (var owner = NpgsqlDataSource.Create(_db.ConnectionString)) await new Migrator(owner).ApplyAsync();
        // The server's login secret as infra-cdk makes it; the test cluster trusts local connections, so the password is not checked.
        _secretArn = _aws.Secrets.Put("autri/beta/db-mcp", $$"""{"username":"{{AppRoles.Mcp}}","password":"not-checked-by-trust-auth"}""");
    }

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private Dictionary<string, string?> Production() => new()
    {
        ["Mcp:Mode"] = "Aws",
        ["Mcp:PortalIssuer"] = "https://app.autri.test",
        ["Mcp:ResourceUrl"] = "https://mcp.autri.test",
        ["Mcp:ApiKeysEnabled"] = "false",
        ["Database:Host"] = _db.Host,
        ["Database:Port"] = _db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Database:Name"] = _db.Database,
        ["Database:Username"] = AppRoles.Mcp,
        ["Database:PasswordSecretArn"] = _secretArn,
        ["Aws:Region"] = Region,
        ["Aws:SecretsManager:ServiceUrl"] = _aws.BaseUrl,
        ["Database:SslMode"] = "Disable",
    };

    public static TheoryData<string> RequiredKeys() => new(DeployContract.Keys("mcp").Where(k => k.Required).Select(k => k.Key));

    [Fact]
    public void The_test_supplies_exactly_the_contract_s_keys()
    {
        Assert.Equal(DeployContract.Keys("mcp").Select(k => k.Key).Order(), Production().Keys.Except(TestOnly).Order());
    }

    [Fact]
    public async Task With_the_contract_s_keys_the_server_starts_and_reads_its_database_password_from_secrets_manager()
    {
        var port = FreePort.Next();
        var app = Create(Production(), port);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient();
            var ready = false;
            for (var i = 0; i < 200 && !ready; i++)
            {
                ready = (await http.GetAsync($"http://127.0.0.1:{port}/readyz")).IsSuccessStatusCode;
                if (!ready) await Task.Delay(100);
            }
            Assert.True(ready, "/readyz never answered 200");
            // The provider reads in the background as the data source is built (trust auth here never asks for the password).
            for (var i = 0; i < 100 && !_aws.Calls.Any(); i++) await Task.Delay(50);
            Assert.Contains(_aws.Calls, c => c is { Target: "secretsmanager.GetSecretValue", StatusCode: 200 });
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public async Task Without_a_required_key_the_server_refuses_to_start_naming_it(string key)
    {
        var settings = Production();
        settings.Remove(key);

        var refused = await Record.ExceptionAsync(async () =>
        {
            var app = Create(settings, FreePort.Next());
            await app.StartAsync();
            await app.StopAsync();
            await app.DisposeAsync();
        });

        Assert.NotNull(refused);
        Assert.Contains(key, refused.Message);
    }

    private static WebApplication Create(Dictionary<string, string?> settings, int port) => McpApp.Create([], builder =>
    {
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton<IAwsCredentialsSource>(new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey));
    });
}
