namespace Autri.Triggers;

/// <summary>
/// The triggers' environment variables (the contract with infra-cdk's Triggers construct: deploy/contract/triggers.json).
/// Read once per container. Each invocation first checks every variable its function can need
/// (<see cref="PostConfirmationRequires"/>, <see cref="PreTokenGenerationRequires"/>), so a missing value surfaces
/// as a <c>trigger_failed</c> log line naming every missing key, not as a silent init crash.
/// </summary>
public sealed record TriggerSettings
{
    public const string RegionKey = "AWS_REGION";
    public const string DbSecretArnKey = "DB_SECRET_ARN";
    public const string DbHostKey = "DB_HOST";
    public const string DbPortKey = "DB_PORT";
    public const string DbNameKey = "DB_NAME";
    public const string DbSslModeKey = "DB_SSL_MODE";
    public const string AllowedEmailsParameterKey = "ALLOWED_EMAILS_PARAMETER";
    public const string ContactEmailKey = "CONTACT_EMAIL";

    /// <summary>What post-confirmation can need: the allowlist (SSM), the user delete (Cognito), provisioning (the database).</summary>
    public static readonly string[] PostConfirmationRequires = [RegionKey, AllowedEmailsParameterKey, DbSecretArnKey, DbHostKey, DbNameKey];

    /// <summary>What pre-token-generation can need: the connector lookup (the database, its password from Secrets Manager).</summary>
    public static readonly string[] PreTokenGenerationRequires = [RegionKey, DbSecretArnKey, DbHostKey, DbNameKey];

    /// <summary>The AWS SDKs' endpoint override variables: the global one, then one per service.</summary>
    public const string EndpointUrlKey = "AWS_ENDPOINT_URL";

    public string? Region { get; init; }
    public string? DbSecretArn { get; init; }
    public string? DbHost { get; init; }
    public string? DbPort { get; init; }
    public string? DbName { get; init; }

    /// <summary>Default <c>VerifyFull</c> against the shipped RDS CAs (<see cref="DatabaseTls"/>); the tests set <c>Disable</c>.</summary>
    public SslMode DbSslMode { get; init; } = DatabaseTls.DefaultMode;

    public string? AllowedEmailsParameter { get; init; }
    public string? ContactEmail { get; init; }

    /// <summary>Endpoint overrides by service id ("ssm", "cognito-idp", "secretsmanager"); empty in AWS.</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>Problems with values that are present but wrong (an unknown DB_SSL_MODE, say).</summary>
    public IReadOnlyList<string> Invalid { get; init; } = [];

    public static TriggerSettings FromEnvironment(Func<string, string?> env)
    {
        string? Get(string key) => env(key) is { } v && v.Trim().Length > 0 ? v.Trim() : null;
        var invalid = new List<string>();

        var ssl = DatabaseTls.DefaultMode;
        if (Get(DbSslModeKey) is { } sslText && !Enum.TryParse(sslText, ignoreCase: true, out ssl))
            invalid.Add($"{DbSslModeKey} must be one of {string.Join(", ", Enum.GetNames<SslMode>())}, not '{sslText}'");
        if (Get(DbPortKey) is { } port && !(int.TryParse(port, out var p) && p is > 0 and < 65536))
            invalid.Add($"{DbPortKey} must be a TCP port number, not '{port}'");

        var endpoints = new Dictionary<string, Uri>();
        foreach (var (service, suffix) in new[] { ("ssm", "SSM"), ("cognito-idp", "COGNITO_IDENTITY_PROVIDER"), ("secretsmanager", "SECRETS_MANAGER") })
        {
            var key = EndpointUrlKey + "_" + suffix;
            var text = Get(key) ?? Get(EndpointUrlKey);
            if (text is null) continue;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") endpoints[service] = uri;
            else invalid.Add($"{(Get(key) is null ? EndpointUrlKey : key)} must be an http(s) URL, not '{text}'");
        }

        return new TriggerSettings
        {
            Region = Get(RegionKey),
            DbSecretArn = Get(DbSecretArnKey),
            DbHost = Get(DbHostKey),
            DbPort = Get(DbPortKey),
            DbName = Get(DbNameKey),
            DbSslMode = ssl,
            AllowedEmailsParameter = Get(AllowedEmailsParameterKey),
            ContactEmail = Get(ContactEmailKey),
            Endpoints = endpoints,
            Invalid = invalid,
        };
    }

    /// <summary>Throws one exception naming every missing key (and any invalid value) among <paramref name="keys"/>.</summary>
    public void Require(params string[] keys)
    {
        var missing = keys.Where(k => ValueOf(k) is null).ToList();
        if (missing.Count == 0 && Invalid.Count == 0) return;
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add("Configuration missing value for: " + string.Join(", ", missing));
        parts.AddRange(Invalid);
        throw new TriggerConfigurationException(string.Join("; ", parts));
    }

    public int DbPortNumber => DbPort is null ? 5432 : int.Parse(DbPort, System.Globalization.CultureInfo.InvariantCulture);

    private string? ValueOf(string key) => key switch
    {
        RegionKey => Region,
        DbSecretArnKey => DbSecretArn,
        DbHostKey => DbHost,
        DbPortKey => DbPort ?? "5432",
        DbNameKey => DbName,
        AllowedEmailsParameterKey => AllowedEmailsParameter,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a required trigger setting"),
    };
}

/// <summary>The container's environment is incomplete or wrong: a deployment problem, not a user's.</summary>
public sealed class TriggerConfigurationException(string message) : Exception(message);
