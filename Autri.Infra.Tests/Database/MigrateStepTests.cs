namespace Autri.Infra.Tests.Database;

/// <summary>
/// The deployment's migrate step against a cluster of its own that, like RDS, makes the app roles authenticate with
/// their passwords (SCRAM); the owner (postgres) stays on trust, as the shared test clusters are. Roles are
/// cluster-wide, so a fresh cluster per test is the only way to see them created.
/// </summary>
public sealed class MigrateStepTests : IAsyncLifetime
{
    private PostgresCluster _cluster = default!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        await using var admin = await OpenAdminAsync();
        var hba = (string)(await Scalar(admin, "SHOW hba_file"))!;
        var rules = await File.ReadAllTextAsync(hba);
        await File.WriteAllTextAsync(hba, $"host all {string.Join(',', AppRoles.All)} 127.0.0.1/32 scram-sha-256\n" + rules);
        await Scalar(admin, "SELECT pg_reload_conf()");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private Dictionary<string, string?> Settings() => new()
    {
        ["Database:Host"] = "127.0.0.1",
        ["Database:Port"] = _cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Database:Name"] = "autri",
        ["Database:Username"] = "postgres",
        ["Database:Password"] = "the-owner-password-trust-ignores",
        ["Database:SslMode"] = "Disable",
        ["RolePasswords:autri_portal"] = "PortalPassword0123456789abcdefghij",
        ["RolePasswords:autri_mcp"] = "McpPassword0123456789abcdefghijklm",
        ["RolePasswords:autri_triggers"] = "TriggersPassword0123456789abcdefg",
    };

    [Fact]
    public async Task The_step_migrates_and_then_each_role_logs_in_with_the_password_of_its_secret_and_no_other()
    {
        var settings = Settings();

        await RunAsync(settings);

        await using (var owner = NpgsqlDataSource.Create(OwnerOf("autri")))
            Assert.Empty(await new Migrator(owner).PendingAsync());
        foreach (var role in AppRoles.All)
        {
            await using var conn = new NpgsqlConnection(Login(role, settings[$"RolePasswords:{role}"]!));
            await conn.OpenAsync();
            Assert.Equal(role, await Scalar(conn, "SELECT current_user"));

            await using var wrong = new NpgsqlConnection(Login(role, "not-" + settings[$"RolePasswords:{role}"]));
            var refused = await Assert.ThrowsAsync<PostgresException>(() => wrong.OpenAsync());
            Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        }
    }

    [Fact]
    public async Task A_password_changed_in_its_secret_takes_effect_at_the_next_run_and_the_old_one_stops_working()
    {
        var settings = Settings();
        await RunAsync(settings);
        var old = settings["RolePasswords:autri_mcp"]!;
        settings["RolePasswords:autri_mcp"] = "RotatedMcpPassword0123456789abcdef";

        await RunAsync(settings);

        await using var rotated = new NpgsqlConnection(Login(AppRoles.Mcp, settings["RolePasswords:autri_mcp"]!));
        await rotated.OpenAsync();
        await using var stale = new NpgsqlConnection(Login(AppRoles.Mcp, old));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, (await Assert.ThrowsAsync<PostgresException>(() => stale.OpenAsync())).SqlState);
    }

    [Fact]
    public async Task No_role_password_reaches_the_server_even_with_every_statement_logged()
    {
        await using (var admin = await OpenAdminAsync())
        {
            await Scalar(admin, "ALTER SYSTEM SET log_statement = 'all'");
            await Scalar(admin, "SELECT pg_reload_conf()");
        }
        var settings = Settings();

        await RunAsync(settings);

        await using var again = await OpenAdminAsync();
        var log = await File.ReadAllTextAsync(Path.Combine((string)(await Scalar(again, "SHOW data_directory"))!, "server.log"));
        Assert.Contains("ALTER ROLE \"autri_mcp\" PASSWORD 'SCRAM-SHA-256$4096:", log);
        foreach (var role in AppRoles.All) Assert.DoesNotContain(settings[$"RolePasswords:{role}"]!, log);
    }

    [Fact]
    public async Task Databases_of_one_cluster_migrating_at_once_create_each_role_once_and_all_succeed()
    {
        var names = new[] { "app_a", "app_b", "app_c", "app_d" };
        await using (var admin = await OpenAdminAsync())
            foreach (var name in names) await Scalar(admin, $"CREATE DATABASE {name}");

        await Task.WhenAll(names.Select(async name =>
        {
            await using var db = NpgsqlDataSource.Create(OwnerOf(name));
            await new Migrator(db).ApplyAsync();
        }));

        await using var check = await OpenAdminAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_roles WHERE rolname = ANY($1)", check);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = AppRoles.All.ToArray() });
        Assert.Equal((long)AppRoles.All.Count, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_role_found_with_more_than_login_stops_the_migration_naming_it()
    {
        await using (var admin = await OpenAdminAsync()) await Scalar(admin, "CREATE ROLE autri_mcp LOGIN CREATEDB");
        await using var db = NpgsqlDataSource.Create(OwnerOf("autri"));

        var error = await Assert.ThrowsAsync<PostgresException>(() => new Migrator(db).ApplyAsync());

        Assert.Contains("Role autri_mcp exists with more than LOGIN", error.MessageText);
        Assert.Contains("0012_app_roles.sql", await new Migrator(db).PendingAsync());
    }

    [Fact]
    public async Task Without_the_owner_password_or_a_role_s_password_the_step_refuses_naming_each()
    {
        var settings = Settings();
        settings.Remove("Database:Password");
        settings.Remove("RolePasswords:autri_triggers");
        settings["RolePasswords:autri_admin"] = "no-such-app-role";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(settings));

        Assert.Contains("Configuration missing value for: Database:Password, RolePasswords:autri_triggers", error.Message);
        Assert.Contains("RolePasswords names no such app role: autri_admin", error.Message);
    }

    private static Task RunAsync(Dictionary<string, string?> settings) =>
        MigrateStep.RunAsync([], b => b.Configuration.AddInMemoryCollection(settings));

    private string OwnerOf(string database) => $"Host=127.0.0.1;Port={_cluster.Port};Username=postgres;Database={database};Pooling=false";

    private string Login(string role, string password) =>
        $"Host=127.0.0.1;Port={_cluster.Port};Username={role};Password={password};Database=autri;Pooling=false";

    private async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var admin = new NpgsqlConnection(_cluster.AdminConnectionString);
        await admin.OpenAsync();
        return admin;
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return await cmd.ExecuteScalarAsync();
    }
}
