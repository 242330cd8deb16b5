namespace Autri.Infra.Tests.Allowlist;

/// <summary>
/// The allowlist's effect mirrored into Postgres (suspended_owners), where the MCP server and the triggers, which may not
/// read the allowlist, find it: owners the list no longer admits are suspended, re-inviting lifts it, admins never are.
/// </summary>
public sealed class AllowlistMirrorTests : IAsyncLifetime
{
    private const string Name = "/autri/test/ALLOWED_EMAILS";

    private NpgsqlDataSource _db = null!;
    private PostgresParameterStore _store = null!;
    private AllowlistMirror _mirror = null!;

    public async Task InitializeAsync()
    {
        _db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("mirror"));
        await new Migrator(_db).ApplyAsync();
        _store = new PostgresParameterStore(_db, "test");
        _mirror = new AllowlistMirror(_db, _store, Name, NullLogger<AllowlistMirror>.Instance);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Guid> UserAsync(string email, bool isAdmin = false)
    {
        var id = Guid.NewGuid();
        await using var conn = await _db.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO users (id, subject, email, is_admin) VALUES (@id, @id::text, @email, @isAdmin)", new { id, email, isAdmin });
        return id;
    }

    private Task<long> PutAsync(params string[] emails) =>
        _store.PutAsync(new PutParameter(Name, BetaAllowlist.FromEmails(emails).ToParameterValue(), ParameterType.StringList, Overwrite: true));

    private async Task<Guid[]> SuspendedAsync()
    {
        await using var conn = await _db.OpenConnectionAsync();
        return (await conn.QueryAsync<Guid>("SELECT user_id FROM suspended_owners ORDER BY user_id")).ToArray();
    }

    [Fact]
    public async Task An_owner_taken_off_the_list_is_suspended_and_putting_them_back_lifts_it()
    {
        var ada = await UserAsync("ada@autri.test");
        var bob = await UserAsync("bob@autri.test");
        await PutAsync("ada@autri.test", "bob@autri.test");
        Assert.Equal(new MirrorResult(Applied: true, Suspended: 0, Reinstated: 0), await _mirror.RefreshAsync());

        await PutAsync("ada@autri.test");
        Assert.Equal(new MirrorResult(true, 1, 0), await _mirror.RefreshAsync());
        Assert.Equal([bob], await SuspendedAsync());

        await PutAsync("ada@autri.test", "BOB@autri.test");
        Assert.Equal(new MirrorResult(true, 0, 1), await _mirror.RefreshAsync());
        Assert.Empty(await SuspendedAsync());
        Assert.NotEqual(ada, bob);
    }

    [Fact]
    public async Task An_admin_off_the_list_is_not_suspended_as_they_pass_the_sign_in_gate()
    {
        await UserAsync("root@autri.test", isAdmin: true);
        var demoted = await UserAsync("former-admin@autri.test");
        await PutAsync("someone@autri.test");

        await _mirror.RefreshAsync();

        Assert.Equal([demoted], await SuspendedAsync());
    }

    [Fact]
    public async Task A_read_older_than_the_mirrored_version_changes_nothing()
    {
        var bob = await UserAsync("bob@autri.test");
        await PutAsync("bob@autri.test");
        var stale = await _store.GetAsync(Name);
        await PutAsync("ada@autri.test");
        await _mirror.RefreshAsync();

        // Another instance read version 1 before version 2 was written, and writes its mirror last.
        var result = await _mirror.ApplyAsync(BetaAllowlist.FromParameterValue(stale.Value), stale.Version, stale.LastModified);

        Assert.False(result.Applied);
        Assert.Equal([bob], await SuspendedAsync());
    }

    [Fact]
    public async Task A_missing_parameter_leaves_the_suspensions_as_they_are()
    {
        await UserAsync("bob@autri.test");

        Assert.Null(await _mirror.RefreshAsync());
        Assert.Empty(await SuspendedAsync());
    }

    [Fact]
    public async Task The_state_says_which_version_was_mirrored_and_when()
    {
        await PutAsync("ada@autri.test");
        var version = await PutAsync("ada@autri.test", "bob@autri.test");

        await _mirror.RefreshAsync();

        var state = await _mirror.StateAsync();
        Assert.NotNull(state);
        Assert.Equal(version, state.Version);
    }
}
