namespace Autri.Triggers.Database;

/// <summary>
/// The connection pool of one trigger container, made on first use: the password is read from Secrets Manager
/// once per container (so once per cold start), then every invocation reuses the pool's open connections,
/// which keeps a warm invocation far inside Cognito's 5-second budget. A failed start (secret unreadable,
/// bad configuration) is not cached: the next invocation tries again.
/// </summary>
public sealed class TriggerDatabase
{
    private readonly Func<CancellationToken, Task<NpgsqlDataSource>> _open;
    private readonly Lock _gate = new();
    private Task<NpgsqlDataSource>? _current;

    private TriggerDatabase(Func<CancellationToken, Task<NpgsqlDataSource>> open) => _open = open;

    /// <summary>A data source that already exists (tests, or a host that manages its own).</summary>
    public static TriggerDatabase Of(NpgsqlDataSource dataSource) => new(_ => Task.FromResult(dataSource));

    /// <summary>DB_HOST/DB_PORT/DB_NAME from the environment, user and password from the DB_SECRET_ARN secret.</summary>
    public static TriggerDatabase FromSecret(TriggerSettings settings, Func<SecretsManager> secrets) => new(async ct =>
    {
        settings.Require(TriggerSettings.DbSecretArnKey, TriggerSettings.DbHostKey, TriggerSettings.DbPortKey, TriggerSettings.DbNameKey);
        var secret = await secrets().GetSecretValueAsync(new GetSecretValueRequest { SecretId = settings.DbSecretArn! }, ct);
        var credentials = DatabaseCredentials.FromSecretString(secret.SecretString, settings.DbSecretArn!);
        return NpgsqlDataSource.Create(ConnectionString(settings, credentials));
    });

    public static string ConnectionString(TriggerSettings settings, DatabaseCredentials credentials) => new NpgsqlConnectionStringBuilder
    {
        Host = settings.DbHost,
        Port = settings.DbPortNumber,
        Database = settings.DbName,
        Username = credentials.Username,
        Password = credentials.Password,
        SslMode = settings.DbSslMode,
        RootCertificate = DatabaseTls.RootCertificateFor(settings.DbSslMode),
        ApplicationName = "autri-triggers",
        // Fail inside the Lambda's 5 s rather than be killed by it, so the failure is logged.
        Timeout = 3,
        CommandTimeout = 3,
        // One invocation at a time per container: a small pool keeps many warm containers from crowding RDS.
        MaxPoolSize = 2,
    }.ConnectionString;

    public Task<NpgsqlDataSource> GetAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_current is null || _current.IsFaulted || _current.IsCanceled) _current = _open(ct);
            return _current;
        }
    }
}
