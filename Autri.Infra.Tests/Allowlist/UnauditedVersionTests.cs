namespace Autri.Infra.Tests.Allowlist;

/// <summary>
/// A portal killed between writing the allowlist and writing its allowlist.save row leaves a version nothing accounts
/// for (as does an edit in the SSM console). Every instance's periodic re-read finds such a version once it has settled
/// and records it as allowlist.unaudited_version, once, so the history and the audit log agree again.
/// </summary>
public sealed class UnauditedVersionTests() : LocalAllowlistTests("unaudited")
{
    private AllowlistAudit Audit => new(Db);

    private async Task<Autri.Domain.Parameters.Parameter> PutAsync(params string[] emails)
    {
        await Store.PutAsync(new PutParameter(Name, BetaAllowlist.FromEmails(emails).ToParameterValue(), ParameterType.StringList, Overwrite: true));
        return await Store.GetAsync(Name);
    }

    private async Task<List<(string Actor, string Action, long Version)>> RowsAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<(string, string, long)>(
            "SELECT actor, action, (details->>'version')::bigint FROM audit_events WHERE target = @Name ORDER BY id", new { Name })).ToList();
    }

    [Fact]
    public async Task A_settled_version_without_a_save_row_is_recorded_once_and_a_saved_one_never()
    {
        var saved = await PutAsync("ada@autri.test");
        await Audit.RecordAsync("admin@autri.test", AllowlistAudit.SaveAction, Name, new { version = saved.Version });
        Assert.False(await Audit.RecordIfUnauditedAsync(saved, settle: TimeSpan.Zero));

        var killedMidSave = await PutAsync("ada@autri.test", "bob@autri.test"); // written; the portal died before its audit row
        Assert.True(await Audit.RecordIfUnauditedAsync(killedMidSave, settle: TimeSpan.Zero));
        Assert.False(await Audit.RecordIfUnauditedAsync(killedMidSave, settle: TimeSpan.Zero)); // another instance, later

        Assert.Equal(
            [("admin@autri.test", AllowlistAudit.SaveAction, saved.Version), ("system", AllowlistAudit.UnauditedAction, killedMidSave.Version)],
            await RowsAsync());
    }

    [Fact]
    public async Task A_version_still_within_its_settle_time_is_left_to_the_save_in_progress()
    {
        var fresh = await PutAsync("ada@autri.test"); // a save may be between its write and its audit row right now

        Assert.False(await Audit.RecordIfUnauditedAsync(fresh, settle: TimeSpan.FromMinutes(2)));
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task The_local_demo_seed_audits_the_version_it_writes_so_a_fresh_stack_has_nothing_unaudited()
    {
        var editor = new AllowlistEditor(Store, Name, new AllowlistReader(Store, Name, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger<AllowlistReader>.Instance),
            Audit, new AllowlistMirror(Db, Store, Name, NullLogger<AllowlistMirror>.Instance), NullLogger<AllowlistEditor>.Instance);
        await new Autri.Infra.Local.DemoSeed(editor, NullLogger<Autri.Infra.Local.DemoSeed>.Instance).RunAsync(default);
        await new Autri.Infra.Local.DemoSeed(editor, NullLogger<Autri.Infra.Local.DemoSeed>.Instance).RunAsync(default); // a restart

        Assert.False(await Audit.RecordIfUnauditedAsync(await Store.GetAsync(Name), settle: TimeSpan.Zero));
        Assert.Equal([("system", AllowlistAudit.SaveAction, 1L)], await RowsAsync());
    }

    [Fact]
    public async Task Mirroring_the_list_records_an_unaudited_version_once_it_has_settled()
    {
        var mirror = new AllowlistMirror(Db, Store, Name, NullLogger<AllowlistMirror>.Instance, Audit, unauditedAfter: TimeSpan.Zero);
        var version = await PutAsync("ada@autri.test");

        await mirror.RefreshAsync();

        Assert.Equal([("system", AllowlistAudit.UnauditedAction, version.Version)], await RowsAsync());
    }
}
