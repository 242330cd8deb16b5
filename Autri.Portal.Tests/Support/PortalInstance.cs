using Autri.Portal;

namespace Autri.Portal.Tests.Support;

/// <summary>The real portal (PortalApp.Create) on Kestrel at a loopback port, configured for a test stack.</summary>
public sealed class PortalInstance : IAsyncDisposable
{
    private PortalInstance(WebApplication app, int port)
    {
        App = app;
        Port = port;
    }

    public WebApplication App { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public IServiceProvider Services => App.Services;

    /// <summary>Shared by both instances, as peppers are in a deployment.</summary>
    internal static readonly string TestPepper = PortalSettings.TestPepper;

    /// <summary>The key ring's key-encryption key, shared by every test portal as by a deployment's instances.</summary>
    internal static readonly string TestKeyRingKey = PortalSettings.TestKeyRingKey;

    /// <param name="services">Runs after the portal registers its services (replace one for a test).</param>
    /// <param name="configure">Runs before the portal registers its services, e.g. to sign AWS calls with the fake's keys.</param>
    public static async Task<PortalInstance> StartAsync(int port, string connectionString, string issuer, string logsDirectory,
        IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = Settings(port, connectionString, issuer, logsDirectory);
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;

        var app = PortalApp.Create(["--urls", $"http://127.0.0.1:{port}", "--environment", "Test"],
            b =>
            {
                b.Configuration.AddInMemoryCollection(settings);
                configure?.Invoke(b);
            }, services);
        await app.StartAsync();
        var instance = new PortalInstance(app, port);
        await instance.WaitUntilReadyAsync();
        return instance;
    }

    /// <summary>What every test portal is configured with: local mode against the test stack's database and dev IdP.</summary>
    public static Dictionary<string, string?> Settings(int port, string connectionString, string issuer, string logsDirectory)
    {
        // As the portal's own role (so a missing grant fails a test), migrating with connectionString, the owner's.
        var settings = PortalSettings.Local(port, connectionString, issuer, logsDirectory);
        settings["Database:ConnectionString"] = DatabaseLogins.As(connectionString, AppRoles.Portal);
        settings["Database:OwnerConnectionString"] = connectionString;
        return settings;
    }

    /// <summary>
    /// On top of <see cref="Settings"/>: what Aws mode insists on (Autri.Portal's AwsModeRequirements), with test values,
    /// every AWS service pointed at the strict fake at <paramref name="awsUrl"/>. Sign with <see cref="SignWithFakeAwsKeys"/>.
    /// </summary>
    public static Dictionary<string, string?> AwsMode(string region, string awsUrl) => new()
    {
        ["Portal:Mode"] = "Aws",
        // In Aws mode the migrate step migrates, never the portal (it refuses an owner login): the fixture applies them first.
        ["Database:OwnerConnectionString"] = null,
        ["Portal:ParameterPrefix"] = "/autri/beta/",
        ["Portal:AllowlistParameter"] = "/autri/beta/ALLOWED_EMAILS",
        ["Connectors:Registry"] = "Cognito",
        ["Connectors:UserPoolId"] = region + "_TestPool1",
        ["Connectors:McpClientId"] = "test-mcp-public-client",
        ["Connectors:Scope"] = "https://mcp.autri.test/mcp.invoke",
        ["Connectors:ApiKeysEnabled"] = "false",
        ["Connectors:RegistrationToken"] = null,
        ["Aws:Region"] = region,
        ["Aws:AccountId"] = "123456789012",
        ["Aws:Ssm:ServiceUrl"] = awsUrl,
        ["Aws:CognitoIdp:ServiceUrl"] = awsUrl,
        ["Aws:Logs:ServiceUrl"] = awsUrl,
        ["Aws:CostExplorer:ServiceUrl"] = awsUrl,
        ["Aws:Budgets:ServiceUrl"] = awsUrl,
        ["Logs:Groups:portal"] = "/autri/beta/portal",
        ["Logs:Groups:mcp"] = "/autri/beta/mcp",
        ["Logs:Groups:triggers"] = "/autri/beta/triggers",
    };

    /// <summary>AWS calls signed with the strict fake's keys (it refuses any other signature).</summary>
    public static void SignWithFakeAwsKeys(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<Autri.Infra.Aws.IAwsCredentialsSource>(
            new Autri.Infra.Aws.StaticAwsCredentials(Autri.AwsFake.AwsFakeServer.AccessKeyId, Autri.AwsFake.AwsFakeServer.SecretAccessKey));

    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var r = await http.GetAsync(Url + "/readyz");
            if (r.IsSuccessStatusCode) return;
            await Task.Delay(50);
        }
        throw new InvalidOperationException("The portal did not become ready at " + Url);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
