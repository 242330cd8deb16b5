using Autri.AwsFake;
using Autri.Infra.Aws;
using Autri.Infra.Database;
using Autri.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>
/// The real portal in Aws mode: CloudWatch Logs (and SSM) are the strict AWS fake, with its own database and dev
/// IdP. The logical groups map to /autri/beta/&lt;group&gt;; "many" maps to 51 groups (over StartQuery's limit).
/// </summary>
public sealed class AwsModePortal : IAsyncLifetime
{
    public const string Region = "eu-west-3";

    private readonly int _port = FreePort.Next();
    private WebApplication _app = default!;
    private DevIdentityProvider _idp = default!;

    public AwsFakeServer Aws { get; } = new(RepoPaths.AwsModels, Region);

    public NpgsqlDataSource Db { get; private set; } = default!;

    public string Url => $"http://127.0.0.1:{_port}";

    public async Task InitializeAsync()
    {
        await Aws.StartAsync();
        foreach (var g in new[] { "portal", "mcp", "triggers" }) Aws.Logs.AddLogGroup("/autri/beta/" + g);
        var connection = await TestDatabase.NewAsync("awslogs");
        Db = NpgsqlDataSource.Create(connection);
        await new Migrator(Db).ApplyAsync();
        _idp = await DevIdentityProvider.StartAsync([Url]);
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Mode"] = "Aws",
            ["Portal:PublicUrl"] = Url,
            ["Portal:ContactEmail"] = "beta-invites@autri.test",
            ["Portal:McpEndpoint"] = "http://127.0.0.1:8000/mcp",
            ["Portal:TrustForwardedHeaders"] = "false",
            ["Database:ConnectionString"] = connection,
            ["Identity:Authority"] = _idp.Issuer,
            ["Identity:ClientId"] = DevIdentityProvider.PortalClientId,
            ["Identity:ClientSecret"] = DevIdentityProvider.PortalClientSecret,
            ["Identity:LogoutStyle"] = "EndSession",
            ["Connectors:RegistrationToken"] = DevIdentityProvider.RegistrationToken,
            ["ApiKeys:CurrentPepperVersion"] = "1",
            ["ApiKeys:Peppers:1"] = Support.PortalInstance.TestPepper,
            ["Aws:Region"] = Region,
            ["Aws:Ssm:ServiceUrl"] = Aws.BaseUrl,
            ["Aws:Logs:ServiceUrl"] = Aws.BaseUrl,
            ["Logs:Groups:portal"] = "/autri/beta/portal",
            ["Logs:Groups:mcp"] = "/autri/beta/mcp",
            ["Logs:Groups:triggers"] = "/autri/beta/triggers",
            ["Logs:Groups:many"] = string.Join(',', Enumerable.Range(1, 51).Select(i => $"/autri/many/{i}")),
            ["Logs:StartRetryBaseDelay"] = "00:00:00.050",
            ["Logs:StartRetryMaxDelay"] = "00:00:00.200",
        };
        _app = Autri.Portal.PortalApp.Create(["--urls", Url, "--environment", "Test"], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddSingleton<IAwsCredentialsSource>(new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey));
        });
        await _app.StartAsync();
        using var http = new HttpClient();
        for (var i = 0; i < 200 && !(await http.GetAsync(Url + "/readyz")).IsSuccessStatusCode; i++) await Task.Delay(50);
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _idp.DisposeAsync();
        await Db.DisposeAsync();
        await Aws.DisposeAsync();
    }
}
