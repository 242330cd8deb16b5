namespace Autri.Infra.Aws;

/// <summary>
/// What the wire needs to know about one AWS JSON service (from ../shared/aws-models/README.md): its target
/// prefix, SigV4 signing name, endpoint, and which error codes mean "slow down" for it.
/// </summary>
public sealed record AwsService(
    string Name,
    string ConfigKey,
    string TargetPrefix,
    string SigningName,
    string JsonVersion,
    string? GlobalEndpoint,
    JsonSerializerOptions Json,
    IReadOnlySet<string> RateLimitCodes)
{
    /// <summary>Codes every AWS service uses for throttling.</summary>
    private static readonly HashSet<string> Throttling =
    [
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "ThrottledException",
        "RequestThrottled", "RequestThrottledException", "ProvisionedThroughputExceededException", "SlowDown",
        "PriorRequestNotComplete", "BandwidthLimitExceeded",
    ];

    public static readonly AwsService Ssm = new("ssm", "Ssm", "AmazonSSM", "ssm", "1.1", null, AwsJson.PascalCase,
        // TooManyUpdates: "There are concurrent updates for a resource that supports one update at a time."
        Throttling.Union(["TooManyUpdates"]).ToHashSet());

    public static readonly AwsService CognitoIdp = new("cognito-idp", "CognitoIdp", "AWSCognitoIdentityProviderService", "cognito-idp", "1.1", null,
        AwsJson.PascalCase, Throttling);

    // Logs' LimitExceededException on StartQuery means "too many concurrent queries": the caller decides, so not here.
    public static readonly AwsService Logs = new("logs", "Logs", "Logs_20140328", "logs", "1.1", null, AwsJson.CamelCase, Throttling);

    // Cost Explorer's LimitExceededException is its rate limit ("You made too many calls in a short period of time").
    public static readonly AwsService CostExplorer = new("ce", "CostExplorer", "AWSInsightsIndexService", "ce", "1.1",
        "https://ce.us-east-1.amazonaws.com", AwsJson.PascalCase, Throttling.Union(["LimitExceededException"]).ToHashSet());

    public static readonly AwsService Budgets = new("budgets", "Budgets", "AWSBudgetServiceGateway", "budgets", "1.1",
        "https://budgets.amazonaws.com", AwsJson.PascalCase, Throttling);

    // CloudWatch (metrics) speaks JSON 1.0 since botocore 1.42.7 (../shared/aws-models/README.md); endpoint prefix "monitoring".
    public static readonly AwsService CloudWatch = new("monitoring", "CloudWatch", "GraniteServiceVersion20100801", "monitoring", "1.0", null,
        AwsJson.PascalCase, Throttling);

    public static IReadOnlyList<AwsService> All { get; } = [Ssm, CognitoIdp, Logs, CostExplorer, Budgets, CloudWatch];

    public string ContentType => "application/x-amz-json-" + JsonVersion;

    /// <summary>Global services (ce, budgets) sign for us-east-1 whatever region the app runs in.</summary>
    public bool IsGlobal => GlobalEndpoint is not null;

    public bool IsRetryable(string errorCode, int statusCode) =>
        statusCode >= 500 || statusCode == 408 || statusCode == 429 || RateLimitCodes.Contains(errorCode)
        || errorCode is "RequestTimeout" or "RequestTimeoutException";

    public Uri DefaultEndpoint(string region) =>
        GlobalEndpoint is { } global
            ? new Uri(global)
            : new Uri($"https://{Name}.{region}.amazonaws.com{(region.StartsWith("cn-", StringComparison.Ordinal) ? ".cn" : "")}");
}
