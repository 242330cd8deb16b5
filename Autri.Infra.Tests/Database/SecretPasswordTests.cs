namespace Autri.Infra.Tests.Database;

/// <summary>
/// The MCP server's production path to RDS: no password in its environment, only the RDS secret's ARN, read
/// through Secrets Manager by Npgsql's periodic password provider. Against a cluster of its own that demands a
/// SCRAM password for the app's role (the shared test clusters trust local connections, so they never ask).
/// </summary>
public sealed class SecretPasswordTests : IAsyncLifetime
{
    private const string Role = "autri_app";
    private const string Password = "s3cret-from-secrets-manager";

    private FakeAws _aws = default!;
    private PostgresCluster _cluster = default!;

    public async Task InitializeAsync()
    {
        _aws = await FakeAws.StartAsync();
        _cluster = await PostgresCluster.StartAsync();
        await using var admin = new NpgsqlConnection(_cluster.AdminConnectionString);
        await admin.OpenAsync();
        await Exec(admin, "SET password_encryption = 'scram-sha-256'");
        await Exec(admin, $"CREATE ROLE {Role} LOGIN PASSWORD '{Password}'");
        await Exec(admin, $"CREATE DATABASE {Role} OWNER {Role}");
        // The app's role must authenticate with its password; everyone else stays on trust.
        await using (var cmd = new NpgsqlCommand("SHOW hba_file", admin))
        {
            var hba = (string)(await cmd.ExecuteScalarAsync())!;
            var rules = await File.ReadAllTextAsync(hba);
            await File.WriteAllTextAsync(hba, $"host all {Role} 127.0.0.1/32 scram-sha-256\n" + rules);
        }
        await Exec(admin, "SELECT pg_reload_conf()");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _aws.DisposeAsync();
    }

    [Fact]
    public async Task The_first_connection_waits_for_the_password_read_from_the_secret()
    {
        var arn = _aws.Server.Secrets.Put("autri/beta/db-mcp", $$"""{"username":"{{Role}}","password":"{{Password}}","engine":"postgres"}""");
        await using var db = DatabaseDataSource.Create(Options(arn), "autri-test", Secrets);

        // Opened at once, with no wait of our own: Npgsql awaits the provider's first read before it authenticates.
        await using var connection = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT current_user", connection);

        Assert.Equal(Role, await cmd.ExecuteScalarAsync());
        Assert.Contains(_aws.Server.Calls, c => c is { Target: "secretsmanager.GetSecretValue", StatusCode: 200 });
    }

    [Fact]
    public async Task A_secret_holding_a_wrong_password_fails_authentication_rather_than_connecting()
    {
        var arn = _aws.Server.Secrets.Put("autri/beta/stale", $$"""{"username":"{{Role}}","password":"not-the-password","engine":"postgres"}""");
        await using var db = DatabaseDataSource.Create(Options(arn), "autri-test", Secrets);

        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await db.OpenConnectionAsync());

        Assert.Equal(PostgresErrorCodes.InvalidPassword, Assert.IsType<PostgresException>(error).SqlState);
    }

    private DatabaseOptions Options(string secretArn) => new()
    {
        Host = "127.0.0.1",
        Port = _cluster.Port,
        Name = Role,
        Username = Role,
        PasswordSecretArn = secretArn,
        SslMode = SslMode.Disable,
    };

    private SecretsManager Secrets() => new(_aws.Client(SecretsManager.Service));

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
