using Autri.AwsFake;
using Autri.Infra.Aws;
using Autri.Infra.Aws.Ssm;

namespace Autri.Triggers.Tests;

/// <summary>
/// The triggers deployed for one test, as infra-cdk deploys them but with fakes for AWS: the strict AWS fake (SSM
/// holding ALLOWED_EMAILS, a Cognito pool, Secrets Manager holding the triggers' database login), a fresh migrated Postgres,
/// and one container's <see cref="TriggerHost"/> built from environment variables exactly as in Lambda, except that
/// the endpoints point at the fakes and the log lines go to <see cref="Output"/>.
/// </summary>
public sealed class TriggerDeployment : IAsyncDisposable
{
    public const string Region = "eu-west-3";
    public const string PoolId = "eu-west-3_AutriTest1";
    public const string AllowedEmailsParameter = "/autri/test/ALLOWED_EMAILS";
    public const string Contact = "beta@autri.example";

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private TriggerDeployment(AwsFakeServer aws, NpgsqlDataSource db, Dictionary<string, string?> environment)
    {
        Aws = aws;
        Db = db;
        Environment = environment;
    }

    public AwsFakeServer Aws { get; }

    public const string GetSecretValue = "secretsmanager.GetSecretValue";

    /// <summary>The Secrets Manager calls the fake received (the database secret).</summary>
    public IReadOnlyList<FakeCall> SecretCalls => Aws.Calls.Where(c => c.Target == GetSecretValue).ToList();

    /// <summary>The test's own connection, for seeding and assertions.</summary>
    public NpgsqlDataSource Db { get; }

    /// <summary>The container's environment; change it before the first <see cref="Host"/>.</summary>
    public Dictionary<string, string?> Environment { get; }

    public StringWriter Output { get; } = new();

    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Built on first use from <see cref="Environment"/>, then kept like a warm container's.</summary>
    public TriggerHost Host => field ??= TriggerHost.FromEnvironment(
        key => Environment.GetValueOrDefault(key),
        new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey),
        Output, _http,
        new AwsTuning(TimeSpan.FromSeconds(5), 3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)),
        Budget);

    public static async Task<TriggerDeployment> StartAsync(string allowedEmails = "jane.doe@example.com,ada@example.com")
    {
        var aws = new AwsFakeServer(RepoPaths.AwsModels, Region);
        await aws.StartAsync();
        var connection = new NpgsqlConnectionStringBuilder(await TestDatabase.NewAsync("trig"));
        var db = NpgsqlDataSource.Create(connection.ConnectionString);
        await new Migrator(db).ApplyAsync();

        // Seeded the way the portal writes it: through the typed SSM client, as a StringList.
        using var http = new HttpClient();
        var ssm = new SsmClient(new AwsJsonClient(AwsClientSettings.For(AwsService.Ssm, Region, aws.BaseUrl), http,
            new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey)));
        await ssm.PutParameterAsync(new PutParameterRequest { Name = AllowedEmailsParameter, Value = allowedEmails, Type = SsmParameterType.StringList });
        aws.Cognito.AddUserPool(PoolId);

        // The triggers' own login secret (username and password, as infra-cdk makes it); the test cluster trusts local
        // connections, so the password is not checked, but the role's grants are.
        var secretArn = aws.Secrets.Put("autri/test/db-triggers", JsonSerializer.Serialize(new
        {
            username = AppRoles.Triggers,
            password = "not-checked-by-trust-auth",
        }));

        var environment = new Dictionary<string, string?>
        {
            [TriggerSettings.RegionKey] = Region,
            [TriggerSettings.DbSecretArnKey] = secretArn,
            [TriggerSettings.DbHostKey] = connection.Host,
            [TriggerSettings.DbPortKey] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TriggerSettings.DbNameKey] = connection.Database,
            [TriggerSettings.DbSslModeKey] = "Disable",
            [TriggerSettings.AllowedEmailsParameterKey] = AllowedEmailsParameter,
            [TriggerSettings.ContactEmailKey] = Contact,
            [TriggerSettings.EndpointUrlKey] = aws.BaseUrl,
            ["AWS_LAMBDA_HANDLER_LOG_FORMAT"] = "Unformatted",
        };
        return new TriggerDeployment(aws, db, environment);
    }

    /// <summary>Every line written so far, each parsed (a line that is not one JSON object fails the test).</summary>
    public IReadOnlyList<JsonElement> LogLines() =>
        Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();

    public IReadOnlyList<JsonElement> Events(string name) =>
        LogLines().Where(l => l.TryGetProperty("event", out var e) && e.GetString() == name).ToList();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Db.DisposeAsync();
        await Aws.DisposeAsync();
    }
}
