namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>
/// The real portal in Aws mode: CloudWatch Logs (and SSM) are the strict AWS fake, with its own database and dev
/// IdP. The logical groups map to /autri/beta/&lt;group&gt;; "many" maps to 51 groups (over StartQuery's limit).
/// </summary>
public sealed class AwsModePortal : IAsyncLifetime
{
    public const string Region = "eu-west-3";

    private readonly int _port = FreePort.Next();
    private PortalInstance _portal = default!;
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
        var settings = PortalInstance.AwsMode(Region, Aws.BaseUrl);
        settings["Logs:Groups:many"] = string.Join(',', Enumerable.Range(1, 51).Select(i => $"/autri/many/{i}"));
        settings["Logs:StartRetryBaseDelay"] = "00:00:00.050";
        settings["Logs:StartRetryMaxDelay"] = "00:00:00.200";
        _portal = await PortalInstance.StartAsync(_port, connection, _idp.Issuer, Path.GetTempPath(), settings, configure: PortalInstance.SignWithFakeAwsKeys);
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _idp.DisposeAsync();
        await Db.DisposeAsync();
        await Aws.DisposeAsync();
    }
}
