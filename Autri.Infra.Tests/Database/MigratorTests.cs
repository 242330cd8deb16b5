namespace Autri.Infra.Tests.Database;

public class MigratorTests
{
    [Fact]
    public async Task Applies_every_migration_from_empty_then_nothing_on_rerun()
    {
        await using var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync());
        var migrator = new Migrator(db);

        var first = await migrator.ApplyAsync();
        var second = await migrator.ApplyAsync();

        Assert.Equal(Migrator.Embedded.Select(m => m.Name), first);
        Assert.Empty(second);
        Assert.Empty(await migrator.PendingAsync());
        await using var cmd = db.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('users','orgs','connectors','notifications','audit_events','parameter_versions','data_protection_keys')");
        Assert.Equal(7L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Concurrent_instances_apply_each_migration_once()
    {
        await using var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync());

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new Migrator(db).ApplyAsync()));

        Assert.Equal(Migrator.Embedded.Count, runs.Sum(r => r.Count));
    }

    [Fact]
    public async Task An_applied_migration_edited_later_is_an_error()
    {
        await using var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync());
        await new Migrator(db).ApplyAsync();
        await using (var tamper = db.CreateCommand("UPDATE schema_migrations SET checksum = 'x' WHERE name = '0001_core_schema.sql'"))
            await tamper.ExecuteNonQueryAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new Migrator(db).ApplyAsync());

        Assert.Contains("0001_core_schema.sql was edited", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_leaves_the_previous_build_ready()
    {
        await using var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync());
        var serving = new Migrator(db); // the release whose tasks serve now
        await serving.ApplyAsync();
        var expand = Migration.From("9001_expand.sql", "ALTER TABLE users ADD COLUMN nickname text;");
        var broken = Migration.From("9002_broken.sql", "CREATE TABLE half_done (id int); SELECT 1/0;");
        var next = new Migrator(db, MigrationSet.Product with { Migrations = [.. Migrator.Embedded, expand, broken] }); // the release being deployed

        var error = await Assert.ThrowsAsync<PostgresException>(() => next.ApplyAsync());

        Assert.Equal(PostgresErrorCodes.DivisionByZero, error.SqlState);
        // The new release's /readyz stays 503 on the file that failed, so its tasks never get traffic...
        Assert.Equal(["9002_broken.sql"], await next.PendingAsync());
        // ...while the serving release still has everything it needs: it stays ready.
        Assert.Empty(await serving.PendingAsync());
        // The failed file left nothing behind; the file before it, in its own transaction, stays applied.
        await using var check = db.CreateCommand(
            "SELECT to_regclass('half_done') IS NULL AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname')");
        Assert.Equal(true, await check.ExecuteScalarAsync());
        // The retry loop meets the same error, not a lock left behind by the failed run.
        await Assert.ThrowsAsync<PostgresException>(() => next.ApplyAsync());
    }

    [Fact]
    public async Task Pending_lists_everything_on_an_empty_database()
    {
        await using var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync());

        Assert.Equal(Migrator.Embedded.Select(m => m.Name), await new Migrator(db).PendingAsync());
    }
}
