namespace Autri.Portal.Tests.Features.Allowlist;

[CollectionDefinition(Name)]
public sealed class AllowlistCollection : ICollectionFixture<AllowlistStack>
{
    public const string Name = "allowlist stack";
}

/// <summary>
/// The allowlist's own stack, so its edits never disturb the shared one: a fresh database, the real dev IdP, the strict
/// AWS fake, and two portals, one in Local mode (Postgres parameters) and one in Aws mode (SSM through the fake). Both
/// portals' parameter stores sit behind <see cref="RacingParameterStore"/>, the test hook for the read-then-write race.
/// </summary>
public sealed class AllowlistStack : IAsyncLifetime
{
    public const string AwsParameter = "/autri/beta/ALLOWED_EMAILS";
    public const string AwsPrefix = "/autri/beta/";
    public const string LocalParameter = "ALLOWED_EMAILS";
    public const string LocalPrefix = "/autri/local/";

    private readonly int[] _ports = [FreePort.Next(), FreePort.Next()];
    private readonly string _logs = Path.Combine(Path.GetTempPath(), "autri-allowlist-" + Guid.NewGuid().ToString("N")[..12]);

    public NpgsqlDataSource Db { get; private set; } = default!;
    public DevIdentityProvider Idp { get; private set; } = default!;
    public AwsFakeServer Aws { get; private set; } = default!;
    public AllowlistTarget Local { get; private set; } = default!;
    public AllowlistTarget AwsMode { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var connection = await TestDatabase.NewAsync("allowlist");
        Db = NpgsqlDataSource.Create(connection);
        await new Migrator(Db).ApplyAsync();
        Aws = new AwsFakeServer(RepoPaths.AwsModels, "us-east-1");
        await Aws.StartAsync();
        Idp = await DevIdentityProvider.StartAsync(_ports.Select(p => $"http://127.0.0.1:{p}"));

        var local = await PortalInstance.StartAsync(_ports[0], connection, Idp.Issuer, _logs, new Dictionary<string, string?>
        {
            ["Portal:AllowlistParameter"] = LocalParameter,
            ["Portal:ParameterPrefix"] = LocalPrefix,
        }, RaceHook);
        Local = new AllowlistTarget("local", local, LocalParameter, LocalPrefix, DeleteLocalAsync, null);

        var awsSettings = PortalInstance.AwsMode("us-east-1", Aws.BaseUrl);
        awsSettings["Portal:AllowlistParameter"] = AwsParameter;
        awsSettings["Portal:ParameterPrefix"] = AwsPrefix;
        awsSettings["Aws:RetryBaseDelay"] = "00:00:00.005";
        awsSettings["Aws:RetryMaxDelay"] = "00:00:00.020";
        var aws = await PortalInstance.StartAsync(_ports[1], connection, Idp.Issuer, _logs, awsSettings, services =>
        {
            services.AddSingleton<IAwsCredentialsSource>(new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey));
            RaceHook(services);
        });
        AwsMode = new AllowlistTarget("aws", aws, AwsParameter, AwsPrefix, DeleteFromFakeAsync, Aws);
    }

    public AllowlistTarget Target(string mode) => mode == "aws" ? AwsMode : Local;

    /// <summary>Wraps the app's parameter store so a test can make another write land right before the editor's put.</summary>
    private static void RaceHook(IServiceCollection services)
    {
        var registered = services.Last(s => s.ServiceType == typeof(IParameterStore));
        services.Remove(registered);
        services.AddSingleton(sp => new RacingParameterStore((IParameterStore)registered.ImplementationFactory!(sp)));
        services.AddSingleton<IParameterStore>(sp => sp.GetRequiredService<RacingParameterStore>());
    }

    private Task DeleteFromFakeAsync(string name)
    {
        Aws.Ssm.Remove(name);
        return Task.CompletedTask;
    }

    private async Task DeleteLocalAsync(string name)
    {
        await using var cmd = Db.CreateCommand("DELETE FROM parameter_versions WHERE name = $1");
        cmd.Parameters.AddWithValue(name);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await AwsMode.Portal.DisposeAsync();
        await Local.Portal.DisposeAsync();
        await Idp.DisposeAsync();
        await Aws.DisposeAsync();
        await Db.DisposeAsync();
        try { Directory.Delete(_logs, recursive: true); } catch (IOException) { }
    }
}
