namespace Autri.Infra.Tests.Allowlist;

/// <summary>
/// Tests over the allowlist in the local parameter store, on a migrated database of their own: xUnit makes an instance
/// per test, so each test starts from an empty one.
/// </summary>
public abstract class LocalAllowlistTests(string databasePrefix) : IAsyncLifetime
{
    protected const string Name = "/autri/test/ALLOWED_EMAILS";

    protected NpgsqlDataSource Db { get; private set; } = null!;

    protected PostgresParameterStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = NpgsqlDataSource.Create(await TestDatabase.NewAsync(databasePrefix));
        await new Migrator(Db).ApplyAsync();
        Store = new PostgresParameterStore(Db, "test");
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
