using Autri.Infra.Allowlist;
using Autri.Infra.Aws.Ssm;
using Autri.Infra.Parameters;
using Autri.Triggers.Database;

namespace Autri.Triggers;

/// <summary>
/// Everything a trigger container needs, built once per container from its environment (<see cref="Shared"/>)
/// and kept for its lifetime: the AWS clients and their HTTP connections, the allowlist cache (≤ 30 s), the
/// database pool. Cognito waits 5 seconds at most, so warm invocations must not redo any of this.
/// Each part is made on first use, so a function only needs the settings it uses.
/// </summary>
public sealed class TriggerHost
{
    /// <summary>Retries tuned to the 5-second budget: a throttled call gets two more tries within about a second.</summary>
    public static readonly AwsTuning DefaultTuning = new(TimeSpan.FromSeconds(2), 3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));

    /// <summary>Left of Lambda's 5-second timeout, so a slow call ends as a logged failure instead of a silent kill.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(4.5);

    private static readonly Lazy<TriggerHost> SharedHost = new(() => FromEnvironment(
        Environment.GetEnvironmentVariable, new DefaultChainAwsCredentials(), Console.Out, new AwsHttp().Client, DefaultTuning, DefaultBudget));

    private readonly Lazy<AllowlistReader> _allowlist;
    private readonly Lazy<ICognitoIdentityProviderClient> _cognito;

    private TriggerHost(TriggerSettings settings, TriggerLog log, TimeSpan budget,
        Func<AllowlistReader> allowlist, Func<ICognitoIdentityProviderClient> cognito, TriggerDatabase database)
    {
        Settings = settings;
        Log = log;
        Budget = budget;
        _allowlist = new Lazy<AllowlistReader>(allowlist);
        _cognito = new Lazy<ICognitoIdentityProviderClient>(cognito);
        Database = database;
    }

    /// <summary>The container's host: environment variables, the default AWS credential chain, stdout.</summary>
    public static TriggerHost Shared => SharedHost.Value;

    public TriggerSettings Settings { get; }

    public TriggerLog Log { get; }

    /// <summary>How long one invocation may take before it is cancelled and logged as failed.</summary>
    public TimeSpan Budget { get; }

    public TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>ALLOWED_EMAILS through SSM, cached per container for ≤ 30 s (edits reach the trigger within that).</summary>
    public AllowlistReader Allowlist => _allowlist.Value;

    public ICognitoIdentityProviderClient Cognito => _cognito.Value;

    public TriggerDatabase Database { get; }

    public static TriggerHost FromEnvironment(Func<string, string?> env, IAwsCredentialsSource credentials, TextWriter output,
        HttpClient http, AwsTuning tuning, TimeSpan budget)
    {
        var settings = TriggerSettings.FromEnvironment(env);
        var log = new TriggerLog(output);

        AwsJsonClient Client(AwsService service)
        {
            settings.Require(TriggerSettings.RegionKey);
            var region = settings.Region!;
            var endpoint = settings.Endpoints.TryGetValue(service.Name, out var url) ? url : service.DefaultEndpoint(region);
            return new AwsJsonClient(
                new AwsClientSettings(service, region, region, endpoint, tuning.Timeout, tuning.MaxAttempts, tuning.RetryBaseDelay, tuning.RetryMaxDelay),
                http, credentials, log.Factory.CreateLogger<AwsJsonClient>());
        }

        return new TriggerHost(settings, log, budget,
            () =>
            {
                settings.Require(TriggerSettings.RegionKey, TriggerSettings.AllowedEmailsParameterKey);
                return new AllowlistReader(new SsmParameterStore(new SsmClient(Client(AwsService.Ssm))), settings.AllowedEmailsParameter!,
                    AllowlistReader.MaxTtl, TimeProvider.System, log.Factory.CreateLogger<AllowlistReader>());
            },
            () => new CognitoIdentityProviderClient(Client(AwsService.CognitoIdp)),
            TriggerDatabase.FromSecret(settings, () => new SecretsManager(Client(SecretsManager.Service))));
    }
}

/// <summary>Per-attempt timeout and retry schedule of the triggers' AWS calls.</summary>
public sealed record AwsTuning(TimeSpan Timeout, int MaxAttempts, TimeSpan RetryBaseDelay, TimeSpan RetryMaxDelay);
