namespace Autri.Portal.Tests.Deployment;

/// <summary>
/// deploy/contract/migrate.json against the portal image's migrate step: with the keys it lists (as infra-cdk gives them
/// to the task's migrate container) it applies every migration to an empty database; without any required one it
/// refuses, naming it. (That the role passwords it sets are the ones that log in: Autri.Infra.Tests' MigrateStepTests.)
/// </summary>
public sealed class MigrateContractTests : IAsyncLifetime
{
    /// <summary>Set only because the test's Postgres has no TLS; never by a deployment.</summary>
    private static readonly string[] TestOnly = ["Database:SslMode"];

    private NpgsqlConnectionStringBuilder _db = default!;

    public async Task InitializeAsync() => _db = new NpgsqlConnectionStringBuilder(await TestDatabase.NewAsync("migratecontract"));

    public Task DisposeAsync() => Task.CompletedTask;

    private Dictionary<string, string?> Production() => new()
    {
        ["Database:Host"] = _db.Host,
        ["Database:Port"] = _db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Database:Name"] = _db.Database,
        ["Database:Username"] = _db.Username,
        ["Database:Password"] = "the-owner-password-trust-ignores",
        // The shared test cluster trusts 127.0.0.1, so these are set but never asked for.
        ["RolePasswords:autri_portal"] = "PortalLogin0123456789abcdefghijklmno",
        ["RolePasswords:autri_mcp"] = "McpLogin0123456789abcdefghijklmnopqr",
        ["RolePasswords:autri_triggers"] = "TriggersLogin0123456789abcdefghijkl",
        ["Database:SslMode"] = "Disable",
    };

    public static TheoryData<string> RequiredKeys() => new(DeployContract.Keys("migrate").Where(k => k.Required).Select(k => k.Key));

    [Fact]
    public void The_test_supplies_exactly_the_contract_s_keys()
    {
        Assert.Equal(DeployContract.Keys("migrate").Select(k => k.Key).Order(), Production().Keys.Except(TestOnly).Order());
    }

    [Fact]
    public async Task With_the_contract_s_keys_the_step_applies_every_migration()
    {
        await MigrateStep.RunAsync([], b => b.Configuration.AddInMemoryCollection(Production()));

        await using var db = NpgsqlDataSource.Create(_db.ConnectionString);
        Assert.Empty(await new Migrator(db).PendingAsync());
    }

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public async Task Without_a_required_key_the_step_refuses_naming_it(string key)
    {
        var settings = Production();
        settings.Remove(key);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrateStep.RunAsync([], b => b.Configuration.AddInMemoryCollection(settings)));

        Assert.Contains(key, refused.Message);
        await using var db = NpgsqlDataSource.Create(_db.ConnectionString);
        Assert.Equal(Migrator.Embedded.Count, (await new Migrator(db).PendingAsync()).Count);
    }
}
