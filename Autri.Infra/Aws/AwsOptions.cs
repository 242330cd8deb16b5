namespace Autri.Infra.Aws;

/// <summary>
/// Configuration section "Aws": defaults for every service, overridable per service
/// ("Aws:Ssm", "Aws:CognitoIdp", "Aws:Logs", "Aws:CostExplorer", "Aws:Budgets", "Aws:SecretsManager", "Aws:CloudWatch"). See Aws/README.md.
/// </summary>
public sealed class AwsOptions
{
    public const string Section = "Aws";

    /// <summary>Falls back to the AWS_REGION / AWS_DEFAULT_REGION environment variables, as the SDKs do.</summary>
    public string? Region { get; set; }

    /// <summary>The 12-digit account id, for calls that name it (Budgets). Not a secret; optional otherwise.</summary>
    public string? AccountId { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxAttempts { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    public AwsServiceOptions Ssm { get; set; } = new();
    public AwsServiceOptions CognitoIdp { get; set; } = new();
    public AwsServiceOptions Logs { get; set; } = new();
    public AwsServiceOptions CostExplorer { get; set; } = new();
    public AwsServiceOptions Budgets { get; set; } = new();
    public AwsServiceOptions SecretsManager { get; set; } = new();
    public AwsServiceOptions CloudWatch { get; set; } = new();

    public string? ResolvedRegion =>
        Region is { Length: > 0 } r ? r
        : Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } e ? e
        : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } d ? d
        : null;

    public AwsServiceOptions For(AwsService service) => service.ConfigKey switch
    {
        "Ssm" => Ssm,
        "CognitoIdp" => CognitoIdp,
        "Logs" => Logs,
        "CostExplorer" => CostExplorer,
        "Budgets" => Budgets,
        "SecretsManager" => SecretsManager,
        "CloudWatch" => CloudWatch,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service.Name, "No options for this service"),
    };

    /// <summary>The settings one client uses: the service's own values where set, else the section's.</summary>
    public AwsClientSettings Resolve(AwsService service)
    {
        var s = For(service);
        var region = s.Region is { Length: > 0 } own ? own : ResolvedRegion
            ?? throw new InvalidOperationException($"Configuration missing value for: {Section}:Region (or {Section}:{service.ConfigKey}:Region, or AWS_REGION)");
        return new AwsClientSettings(
            service,
            region,
            service.IsGlobal ? "us-east-1" : region,
            s.ServiceUrl is { Length: > 0 } url ? new Uri(url) : service.DefaultEndpoint(region),
            s.Timeout ?? Timeout,
            s.MaxAttempts ?? MaxAttempts,
            s.RetryBaseDelay ?? RetryBaseDelay,
            s.RetryMaxDelay ?? RetryMaxDelay);
    }
}

public sealed class AwsServiceOptions
{
    public string? Region { get; set; }

    /// <summary>Endpoint override (the fake in tests, LocalStack-like setups); the signing region stays the service's.</summary>
    public string? ServiceUrl { get; set; }

    public TimeSpan? Timeout { get; set; }
    public int? MaxAttempts { get; set; }
    public TimeSpan? RetryBaseDelay { get; set; }
    public TimeSpan? RetryMaxDelay { get; set; }
}

/// <summary>Everything one client needs, resolved and checked.</summary>
public sealed record AwsClientSettings(
    AwsService Service,
    string Region,
    string SigningRegion,
    Uri Endpoint,
    TimeSpan Timeout,
    int MaxAttempts,
    TimeSpan RetryBaseDelay,
    TimeSpan RetryMaxDelay)
{
    public static AwsClientSettings For(AwsService service, string region, string? serviceUrl = null) =>
        new AwsOptions { Region = region, Ssm = { ServiceUrl = serviceUrl }, CognitoIdp = { ServiceUrl = serviceUrl }, Logs = { ServiceUrl = serviceUrl }, CostExplorer = { ServiceUrl = serviceUrl }, Budgets = { ServiceUrl = serviceUrl }, SecretsManager = { ServiceUrl = serviceUrl }, CloudWatch = { ServiceUrl = serviceUrl } }
            .Resolve(service);
}
