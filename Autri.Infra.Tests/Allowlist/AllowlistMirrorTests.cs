namespace Autri.Infra.Tests.Allowlist;

/// <summary>
/// The allowlist's effect mirrored into Postgres (suspended_owners), where the MCP server and the triggers, which may not
/// read the allowlist, find it: owners the list no longer admits are suspended, re-inviting lifts it, admins never are.
/// </summary>
public sealed class AllowlistMirrorTests() : LocalAllowlistTests("mirror")
{
    private AllowlistMirror Mirror => new(Db, Store, Name, NullLogger<AllowlistMirror>.Instance);

    private async Task<Guid> UserAsync(string email, bool isAdmin = false)
    {
        var id = Guid.NewGuid();
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO users (id, subject, email, is_admin) VALUES (@id, @id::text, @email, @isAdmin)", new { id, email, isAdmin });
        return id;
    }

    private Task<long> PutAsync(params string[] emails) =>
        Store.PutAsync(new PutParameter(Name, BetaAllowlist.FromEmails(emails).ToParameterValue(), ParameterType.StringList, Overwrite: true));

    private async Task<Guid[]> SuspendedAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<Guid>("SELECT user_id FROM suspended_owners ORDER BY user_id")).ToArray();
    }

    [Fact]
    public async Task An_owner_taken_off_the_list_is_suspended_and_putting_them_back_lifts_it()
    {
        var ada = await UserAsync("ada@autri.test");
        var bob = await UserAsync("bob@autri.test");
        await PutAsync("ada@autri.test", "bob@autri.test");
        Assert.Equal(new MirrorResult(Applied: true, Suspended: 0, Reinstated: 0), await Mirror.RefreshAsync());

        await PutAsync("ada@autri.test");
        Assert.Equal(new MirrorResult(true, 1, 0), await Mirror.RefreshAsync());
        Assert.Equal([bob], await SuspendedAsync());

        await PutAsync("ada@autri.test", "BOB@autri.test");
        Assert.Equal(new MirrorResult(true, 0, 1), await Mirror.RefreshAsync());
        Assert.Empty(await SuspendedAsync());
        Assert.NotEqual(ada, bob);
    }

    [Fact]
    public async Task An_admin_off_the_list_is_not_suspended_as_they_pass_the_sign_in_gate()
    {
        await UserAsync("root@autri.test", isAdmin: true);
        var demoted = await UserAsync("former-admin@autri.test");
        await PutAsync("someone@autri.test");

        await Mirror.RefreshAsync();

        Assert.Equal([demoted], await SuspendedAsync());
    }

    [Fact]
    public async Task A_read_older_than_the_mirrored_version_changes_nothing()
    {
        var bob = await UserAsync("bob@autri.test");
        await PutAsync("bob@autri.test");
        var stale = await Store.GetAsync(Name);
        await PutAsync("ada@autri.test");
        await Mirror.RefreshAsync();

        // Another instance read version 1 before version 2 was written, and writes its mirror last.
        var result = await Mirror.ApplyAsync(BetaAllowlist.FromParameterValue(stale.Value), stale.Version, stale.LastModified);

        Assert.False(result.Applied);
        Assert.Equal([bob], await SuspendedAsync());
    }

    [Fact]
    public async Task A_missing_parameter_leaves_the_suspensions_as_they_are()
    {
        await UserAsync("bob@autri.test");

        Assert.Null(await Mirror.RefreshAsync());
        Assert.Empty(await SuspendedAsync());
    }

    [Fact]
    public async Task The_state_says_which_version_was_mirrored_and_when()
    {
        await PutAsync("ada@autri.test");
        var version = await PutAsync("ada@autri.test", "bob@autri.test");

        await Mirror.RefreshAsync();

        var state = await Mirror.StateAsync();
        Assert.NotNull(state);
        Assert.Equal(version, state.Version);
    }
}
