namespace Autri.Portal.Tests.SingleHost;

/// <summary>
/// deploy/single-host's backup.sh and restore.sh against real PostgreSQL: a migrated database with a row in it is
/// dumped, and restored into a fresh throwaway cluster that has never seen the app roles.
/// </summary>
// Linux only, like the deployment (systemd, runuser, Debian's PostgreSQL).
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "autri-backups-" + Guid.NewGuid().ToString("N")[..10]);
    private NpgsqlConnectionStringBuilder _source = default!;

    public async Task InitializeAsync()
    {
        _source = new NpgsqlConnectionStringBuilder(await TestDatabase.NewAsync("backup"));
        await using var db = NpgsqlDataSource.Create(_source.ConnectionString);
        await new Migrator(db).ApplyAsync();
    }

    [Fact]
    public async Task A_backup_restores_into_a_fresh_cluster_with_its_rows_and_the_app_roles_grants()
    {
        var email = PortalStack.UniqueEmail("backup");
        await using (var conn = new NpgsqlConnection(_source.ConnectionString))
            await conn.ExecuteAsync("INSERT INTO users (id, email, subject) VALUES (gen_random_uuid(), @email, @sub)", new { email, sub = Guid.NewGuid().ToString() });

        var backup = await RunAsync("backup.sh", [], BackupEnvironment(retentionDays: 14));
        Assert.True(backup.ExitCode == 0, backup.Error);
        var dump = Assert.Single(Directory.GetFiles(_folder, "autri-*.dump"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dump));

        await using var fresh = await PostgresCluster.StartAsync();
        var restore = await RunAsync("restore.sh", ["--host", "127.0.0.1", "--port", fresh.Port.ToString(), "--database", "restored", dump], new Dictionary<string, string>());
        Assert.True(restore.ExitCode == 0, restore.Error);

        var restored = $"Host=127.0.0.1;Port={fresh.Port};Database=restored;Pooling=false";
        await using (var asPortal = new NpgsqlConnection(restored + ";Username=autri_portal"))
            Assert.Equal(1, await asPortal.QuerySingleAsync<int>("SELECT count(*)::int FROM users WHERE email = @email", new { email }));
        await using (var asMcp = new NpgsqlConnection(restored + ";Username=autri_mcp"))
            await Assert.ThrowsAsync<PostgresException>(() => asMcp.QueryAsync("SELECT * FROM users"));
        await using (var asOwner = NpgsqlDataSource.Create(restored + ";Username=autri_owner"))
        {
            Assert.Empty(await new Migrator(asOwner).PendingAsync());
            Assert.Equal("autri_owner", await asOwner.CreateCommand("SELECT tableowner FROM pg_tables WHERE tablename = 'users'").ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Restore_refuses_an_existing_database_without_replace_and_leaves_it_as_it_was()
    {
        Assert.Equal(0, (await RunAsync("backup.sh", [], BackupEnvironment(retentionDays: 14))).ExitCode);
        var dump = Directory.GetFiles(_folder, "autri-*.dump").Single();

        var refused = await RunAsync("restore.sh", ["--host", "127.0.0.1", "--port", _source.Port.ToString(), "--database", _source.Database!, dump], new Dictionary<string, string>());

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"database {_source.Database} exists", refused.Error);
        await using var db = NpgsqlDataSource.Create(_source.ConnectionString);
        Assert.Empty(await new Migrator(db).PendingAsync());
    }

    [Fact]
    public async Task Dumps_older_than_the_retention_are_deleted_after_a_new_one_is_made()
    {
        Directory.CreateDirectory(_folder);
        var old = Path.Combine(_folder, "autri-20200101T000000Z.dump");
        var recent = Path.Combine(_folder, "autri-20200102T000000Z.dump");
        File.WriteAllText(old, "old");
        File.WriteAllText(recent, "recent");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-8));
        File.SetLastWriteTimeUtc(recent, DateTime.UtcNow.AddDays(-3));

        var backup = await RunAsync("backup.sh", [], BackupEnvironment(retentionDays: 7));

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.Equal(2, Directory.GetFiles(_folder, "autri-*.dump").Length);
        Assert.Contains("Deleted (older than 7 days): " + old, backup.Output);
    }

    private Dictionary<string, string> BackupEnvironment(int retentionDays) => new()
    {
        ["AUTRI_DB_NAME"] = _source.Database!,
        ["AUTRI_PG_HOST"] = "127.0.0.1",
        ["AUTRI_PG_PORT"] = _source.Port.ToString(),
        ["AUTRI_BACKUP_DIR"] = _folder,
        ["AUTRI_BACKUP_RETENTION_DAYS"] = retentionDays.ToString(),
    };

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string script, string[] args, Dictionary<string, string> environment)
    {
        // From /, as systemd runs them: the postgres user they switch to may not enter the test's folder.
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        psi.ArgumentList.Add(Path.Combine(SingleHostFiles.Folder, script));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        return SingleHostFiles.RunAsync(psi);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
