namespace Autri.Infra.Tests.Parameters;

public sealed class PostgresParameterStoreTests : ParameterStoreContract
{
    private NpgsqlDataSource _db = null!;

    protected override async Task<IParameterStore> CreateStoreAsync()
    {
        _db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("params"));
        await new Migrator(_db).ApplyAsync();
        return new PostgresParameterStore(_db, actor: "admin@example.com");
    }

    protected override async Task DisposeStoreAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_configured_actor_is_recorded_as_the_modifying_user()
    {
        await Store.PutAsync(new PutParameter("/who", "v", ParameterType.String, false));

        Assert.Equal("admin@example.com", Assert.Single(await Store.GetHistoryAsync("/who")).LastModifiedUser);
    }

    [Fact]
    public async Task A_token_from_another_path_is_refused()
    {
        for (var i = 0; i < 11; i++) await Store.PutAsync(new PutParameter($"/a/p{i}", "v", ParameterType.String, true));
        var token = (await Store.GetByPathAsync("/a", true, null)).NextToken;

        var error = await Assert.ThrowsAsync<ParameterStoreException>(() => Store.GetByPathAsync("/b", true, token));

        Assert.Equal("InvalidNextToken", error.Code);
    }

    [Fact]
    public async Task An_unreachable_database_is_InternalServerError()
    {
        await using var db = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Database=none;Timeout=2");
        var store = new PostgresParameterStore(db);

        var error = await Assert.ThrowsAsync<ParameterStoreException>(() => store.GetAsync("/x"));

        Assert.Equal("InternalServerError", error.Code);
    }
}
