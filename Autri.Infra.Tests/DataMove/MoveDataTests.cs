namespace Autri.Infra.Tests.DataMove;

/// <summary>
/// scripts/move-data.sh from one real cluster into another: an Autri database migrated and filled by the real code
/// (provisioning, notifications, the parameter store's rows) moves whole, the per-table check proves it, a damaged
/// target is caught, and bad input is refused before anything changes. The target cluster starts without the app
/// roles, as a fresh restore target does; the tests that move into it first create them as the script tells.
/// </summary>
public sealed class MoveDataTests : IAsyncLifetime
{
    private PostgresCluster _source = null!;
    private PostgresCluster _target = null!;
    private readonly List<string> _workDirs = [];

    public async Task InitializeAsync()
    {
        _source = await PostgresCluster.StartAsync();
        _target = await PostgresCluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
        foreach (var dir in _workDirs.Where(Directory.Exists)) Directory.Delete(dir, recursive: true); // the dumps
    }

    /// <summary>A fresh folder for the dumps of one run, removed with the clusters.</summary>
    private string WorkDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "autri-move-" + Guid.NewGuid().ToString("N")[..12]);
        _workDirs.Add(dir);
        return dir;
    }

    [Fact]
    public async Task A_moved_database_arrives_whole_and_the_check_says_so()
    {
        var (source, target, move) = await MoveIntoFreshDatabaseAsync("move");

        Assert.True(move.ExitCode == 0, move.Output);
        Assert.Matches(@"all \d+ tables are the same", move.Output);
        Assert.Matches(@"public\.users\s+3\s+3\s+\S+\s+\S+\s+same", move.Output);
        Assert.Equal(await CountAsync(source, "notifications"), await CountAsync(target, "notifications"));
        Assert.Equal(await ScalarAsync<string>(source, "SELECT string_agg(name || checksum, ',' ORDER BY name) FROM schema_migrations"),
            await ScalarAsync<string>(target, "SELECT string_agg(name || checksum, ',' ORDER BY name) FROM schema_migrations"));
        // The app roles' grants came along with the tables, and the sequences continue where the source's stood.
        Assert.True(await ScalarAsync<bool>(target, "SELECT has_table_privilege('autri_portal', 'notifications', 'INSERT')"));
        Assert.False(await ScalarAsync<bool>(target, "SELECT has_table_privilege('autri_mcp', 'users', 'SELECT')"));
        Assert.Equal(await ScalarAsync<long>(source, "SELECT max(id) FROM notifications") + 1,
            await ScalarAsync<long>(target, "SELECT nextval('notifications_id_seq')"));
    }

    [Fact]
    public async Task A_changed_row_and_a_missing_row_in_the_target_are_caught()
    {
        var (source, target, moved) = await MoveIntoFreshDatabaseAsync("damaged");
        Assert.True(moved.ExitCode == 0, moved.Output);

        await ExecuteAsync(target, "UPDATE users SET display_name = display_name || '.' WHERE email = 'ada@example.com'");
        var changed = await MoveData.RunAsync("--verify-only", "--source", MoveData.Url(source), "--target", MoveData.Url(target));
        Assert.Equal(1, changed.ExitCode);
        Assert.Matches(@"public\.users\s+3\s+3\s+\S+\s+\S+\s+DIFFERENT: contents", changed.Output);
        Assert.Matches(@"public\.notifications\s+\d+\s+\d+\s+\S+\s+\S+\s+same", changed.Output);
        Assert.Contains("1 of ", changed.Output);

        await ExecuteAsync(target, "DELETE FROM notifications WHERE id = (SELECT max(id) FROM notifications)");
        var missing = await MoveData.RunAsync("--verify-only", "--source", MoveData.Url(source), "--target", MoveData.Url(target));
        Assert.Equal(1, missing.ExitCode);
        Assert.Matches(@"public\.notifications\s+6\s+5\s+\S+\s+\S+\s+DIFFERENT: row counts", missing.Output);
        Assert.Contains("2 of ", missing.Output);
    }

    [Fact]
    public async Task A_target_that_holds_tables_is_refused_without_force_and_with_force_is_saved_before_it_is_replaced()
    {
        var source = await FilledSourceAsync();
        // As the deployed database is when the move runs: migrated by the migrate step, and written to since.
        var target = await _target.CreateDatabaseAsync("occupied");
        await CreateAppRolesAsync(_target);
        await using (var db = NpgsqlDataSource.Create(target)) await new Migrator(db).ApplyAsync();
        await ExecuteAsync(target, "INSERT INTO parameter_versions (name, version, type, value) VALUES ('/autri/target-only', 1, 'String', 'keep me')");

        var refused = await MoveData.RunAsync("--source", MoveData.Url(source), "--target", MoveData.Url(target), "--work-dir", WorkDir());
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("refused: the target already holds", refused.Output);
        Assert.Contains("--force", refused.Output);
        Assert.Equal(1L, await CountAsync(target, "parameter_versions WHERE name = '/autri/target-only'"));

        var work = WorkDir();
        var forced = await MoveData.RunAsync("--force", "--source", MoveData.Url(source), "--target", MoveData.Url(target), "--work-dir", work);
        Assert.True(forced.ExitCode == 0, forced.Output);
        Assert.Contains("all ", forced.Output);
        Assert.Equal(0L, await CountAsync(target, "parameter_versions WHERE name = '/autri/target-only'"));
        // The public schema was made anew: the app roles still reach it, and only what they were granted.
        Assert.True(await ScalarAsync<bool>(target, "SELECT has_schema_privilege('autri_portal', 'public', 'USAGE') AND has_table_privilege('autri_portal', 'users', 'INSERT')"));
        Assert.False(await ScalarAsync<bool>(target, "SELECT has_schema_privilege('autri_mcp', 'public', 'CREATE')"));

        // Nothing lost: the saved target restores, with its own row, into a fresh database.
        var restored = await _target.CreateDatabaseAsync("undo");
        var undo = await MoveData.RunToolAsync("pg_restore", "--no-owner", "-d", MoveData.Url(restored), Path.Combine(work, "target-before.dump"));
        Assert.True(undo.ExitCode == 0, undo.Output);
        Assert.Equal(1L, await CountAsync(restored, "parameter_versions WHERE name = '/autri/target-only'"));
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_problem_and_the_target_is_left_alone()
    {
        var source = await FilledSourceAsync();
        var target = await _target.CreateDatabaseAsync("untouched");
        var notAutri = await _source.CreateDatabaseAsync("plain");
        var nowhere = $"postgresql://postgres@127.0.0.1:{FreePort.Next()}/autri";

        var cases = new (string[] Args, string Expected)[]
        {
            ([], "usage"),
            (["--source", MoveData.Url(source)], "usage"),
            (["--source", MoveData.Url(source), "--target", MoveData.Url(source)], "refused: source and target are the same database"),
            (["--source", nowhere, "--target", MoveData.Url(target)], "refused: cannot reach the source database"),
            (["--source", MoveData.Url(source), "--target", nowhere], "refused: cannot reach the target database"),
            (["--source", MoveData.Url(notAutri), "--target", MoveData.Url(target)], "refused: the source has no schema_migrations table"),
            (["--source", MoveData.Url(source), "--target", MoveData.Url(target), "--bogus"], "unknown argument: --bogus"),
        };
        foreach (var (args, expected) in cases)
        {
            var run = await MoveData.RunAsync([.. args, "--work-dir", WorkDir()]);
            Assert.True(run.ExitCode == 2, $"{string.Join(' ', args)}: exit {run.ExitCode}\n{run.Output}");
            Assert.Contains(expected, run.Output);
        }
        Assert.Equal(0L, await ScalarAsync<long>(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task A_target_cluster_without_the_app_roles_is_refused_naming_them_and_how_to_create_them()
    {
        // The target cluster's roles may have been created by another test of this class: use a cluster of its own.
        await using var bare = await PostgresCluster.StartAsync();
        var source = await FilledSourceAsync();
        var target = await bare.CreateDatabaseAsync("bare");

        var run = await MoveData.RunAsync("--source", MoveData.Url(source), "--target", MoveData.Url(target), "--work-dir", WorkDir());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("lacks the role(s) the source grants to: autri_mcp autri_portal autri_triggers", run.Output);
        Assert.Contains("CREATE ROLE autri_portal LOGIN NOINHERIT;", run.Output);
        Assert.Equal(0L, await ScalarAsync<long>(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task The_vector_extension_is_created_on_a_target_that_offers_it_and_its_absence_is_said_where_it_does_not()
    {
        var offered = await ScalarAsync<long>(_target.AdminConnectionString, "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'") > 0;

        var (_, target, move) = await MoveIntoFreshDatabaseAsync("vector");

        Assert.True(move.ExitCode == 0, move.Output);
        var created = await ScalarAsync<long>(target, "SELECT count(*) FROM pg_extension WHERE extname = 'vector'") > 0;
        Assert.Equal(offered, created);
        // Debian 12's PostgreSQL (this project's machines) has no pgvector: the script must say so rather than fail.
        if (!offered) Assert.Contains("vector: the target has no pgvector", move.Output);
    }

    /// <summary>A filled source moved into a new database of the target cluster, its app roles made as the script tells.</summary>
    private async Task<(string Source, string Target, MoveData.Result Move)> MoveIntoFreshDatabaseAsync(string prefix)
    {
        var source = await FilledSourceAsync();
        var target = await _target.CreateDatabaseAsync(prefix);
        await CreateAppRolesAsync(_target);
        return (source, target, await MoveData.RunAsync("--source", MoveData.Url(source), "--target", MoveData.Url(target), "--work-dir", WorkDir()));
    }

    /// <summary>An Autri database on the source cluster, migrated and filled through the real code paths.</summary>
    private async Task<string> FilledSourceAsync()
    {
        var source = await _source.CreateDatabaseAsync("source");
        await using var db = NpgsqlDataSource.Create(source);
        await new Migrator(db).ApplyAsync();
        var provisioning = new ProvisioningService(db, TimeProvider.System);
        foreach (var (subject, email, name) in new[] { ("s-ada", "ada@example.com", "Ada Lovelace"), ("s-bo", "bo@example.com", "Bø Ørsted"), ("s-cy", "cy@example.com", "Cy \"Quote\" O'Neil") })
            await provisioning.EnsureProvisionedAsync(new NewIdentity(subject, email, name, EmailVerified: true), recordSignIn: true);
        await ExecuteAsync(source, """
            INSERT INTO notifications (user_id, type, title, body, link, read_at)
            SELECT id, 'admin', 'Two lines', E'first\nsecond\ttabbed, and a backslash \\', NULL, now() FROM users WHERE email = 'ada@example.com';
            INSERT INTO notifications (user_id, type, title, body)
            SELECT id, 'admin', 'Ünïcødé ✓', '' FROM users WHERE email = 'bo@example.com';
            INSERT INTO notifications (user_id, type, title) SELECT id, 'admin', 'Last' FROM users WHERE email = 'cy@example.com';
            INSERT INTO parameter_versions (name, version, type, value, description)
            VALUES ('/autri/local/ALLOWED_EMAILS', 1, 'StringList', 'ada@example.com,bo@example.com', NULL),
                   ('/autri/local/ALLOWED_EMAILS', 2, 'StringList', 'ada@example.com,bo@example.com,cy@example.com', 'added cy');
            """);
        return source;
    }

    /// <summary>What the refusal tells an operator to run on a fresh target cluster (migration 0012's statement).</summary>
    private static async Task CreateAppRolesAsync(PostgresCluster cluster)
    {
        foreach (var role in AppRoles.All)
            await ExecuteAsync(cluster.AdminConnectionString,
                $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN NOINHERIT; END IF; END $$");
    }

    private static Task<long> CountAsync(string db, string tableAndFilter) => ScalarAsync<long>(db, $"SELECT count(*) FROM {tableAndFilter}");

    private static async Task<T> ScalarAsync<T>(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        return await conn.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException("no value: " + sql);
    }

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.ExecuteAsync(sql);
    }
}
