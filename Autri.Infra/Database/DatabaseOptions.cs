namespace Autri.Infra.Database;

/// <summary>
/// Section "Database", shared by the portal and the MCP server: the app's own login (its Postgres role, see
/// <see cref="AppRoles"/>), either a whole <c>ConnectionString</c> (local runs, tests) or its parts, which is how a
/// deployment supplies it: host, port and name are configuration, the password a secret. ECS injects the portal's
/// <c>Password</c>; AgentCore cannot inject secrets, so the MCP server is given <c>PasswordSecretArn</c> and reads the
/// password itself (<see cref="DatabaseDataSource"/>). In Local mode <c>OwnerConnectionString</c> is the login the
/// app applies migrations with at start (<see cref="DatabaseSetup"/>).
/// </summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    public string? ConnectionString { get; set; }

    public string? Host { get; set; }

    [Range(1, 65535)] public int Port { get; set; } = 5432;

    public string? Name { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>A Secrets Manager secret whose JSON holds <c>password</c> (CDK's generated RDS secret).</summary>
    public string? PasswordSecretArn { get; set; }

    /// <summary>
    /// Local mode only: the owner login migrations are applied with at start (and local demo data written with), never
    /// used by a request. Without it a Local-mode app migrates with its own login, which must then be the owner (one
    /// login for everything). Aws mode refuses it: there the migrate step applies migrations (<see cref="MigrateStep"/>).
    /// </summary>
    public string? OwnerConnectionString { get; set; }

    /// <summary>
    /// Local mode: the app applies migrations at start (default). False where a migrate step runs before the apps (the
    /// single-host deployment's autri-migrate.service, deploy/single-host): the app then only waits until none is
    /// pending, as in Aws mode, and holds no owner login.
    /// </summary>
    public bool MigrateAtStart { get; set; } = true;

    /// <summary>
    /// From parts (how deployments supply it) the default is <c>VerifyFull</c> (<see cref="DatabaseTls"/>): the server's
    /// certificate must chain to <see cref="RootCertificate"/> and name the host. A whole <see cref="ConnectionString"/>
    /// (local runs, tests) keeps its own mode.
    /// </summary>
    public SslMode? SslMode { get; set; }

    /// <summary>PEM file of the CAs the server's certificate must chain to; default the shipped RDS bundle.</summary>
    public string? RootCertificate { get; set; }

    public bool UsesParts => string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!UsesParts) yield break;
        foreach (var (name, value) in new[] { (nameof(Host), Host), (nameof(Name), Name), (nameof(Username), Username) })
        {
            if (string.IsNullOrWhiteSpace(value))
                yield return new ValidationResult($"Configuration missing value for: {Section}:{name} (or {Section}:ConnectionString)", [name]);
        }
        if (string.IsNullOrWhiteSpace(Password) && string.IsNullOrWhiteSpace(PasswordSecretArn))
            yield return new ValidationResult($"Configuration missing value for: {Section}:Password or {Section}:PasswordSecretArn", [nameof(Password), nameof(PasswordSecretArn)]);
        if (RootCertificateFile is { } root && !File.Exists(root))
            yield return new ValidationResult($"{Section}:RootCertificate names a file that does not exist: {root}", [nameof(RootCertificate)]);
    }

    private Npgsql.SslMode PartsSslMode => SslMode ?? DatabaseTls.DefaultMode;

    private string? RootCertificateFile => UsesParts ? DatabaseTls.RootCertificateFor(PartsSslMode, RootCertificate) : RootCertificate;

    /// <summary>The connection string; from parts it holds the password only when <c>Password</c> is given.</summary>
    public string ToConnectionString() => UsesParts
        ? new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Name,
            Username = Username,
            Password = string.IsNullOrWhiteSpace(Password) ? null : Password,
            SslMode = PartsSslMode,
            RootCertificate = RootCertificateFile,
        }.ConnectionString
        : ConnectionString!;
}
