using Autri.Testing.Parameters;

namespace Autri.Infra.Tests.Allowlist;

/// <summary>The editor's behaviour on each parameter store (Postgres, and SSM through the strict fake); audit rows in a real database.</summary>
public abstract class AllowlistEditorContract : IAsyncLifetime
{
    protected const string Name = "/autri/test/ALLOWED_EMAILS";
    protected const string Admin = "admin@autri.test";

    protected NpgsqlDataSource Db { get; private set; } = null!;
    protected IParameterStore Store { get; private set; } = null!;
    protected RacingParameterStore Racing { get; private set; } = null!;
    protected AllowlistReader Reader { get; private set; } = null!;
    protected AllowlistEditor Editor { get; private set; } = null!;

    protected abstract Task<IParameterStore> CreateStoreAsync(NpgsqlDataSource db);

    protected abstract Task DeleteParameterAsync(string name);

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("allowlist"));
        await new Migrator(Db).ApplyAsync();
        Store = await CreateStoreAsync(Db);
        Racing = new RacingParameterStore(Store);
        Reader = new AllowlistReader(Racing, Name, TimeSpan.FromSeconds(30), TimeProvider.System, NullLogger<AllowlistReader>.Instance);
        Editor = new AllowlistEditor(Racing, Name, Reader, new AllowlistAudit(Db),
            new AllowlistMirror(Db, Racing, Name, NullLogger<AllowlistMirror>.Instance), NullLogger<AllowlistEditor>.Instance);
    }

    public async Task DisposeAsync()
    {
        await DisposeStoreAsync();
        await Db.DisposeAsync();
    }

    protected static BetaAllowlist List(params string[] emails) => BetaAllowlist.FromEmails(emails);

    protected Task<long> Seed(string value, ParameterType type = ParameterType.StringList, string? description = "seeded") =>
        Store.PutAsync(new PutParameter(Name, value, type, Overwrite: true, description));

    protected async Task<IReadOnlyList<(string Actor, string Action, string Target, JsonElement Details)>> AuditRowsAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string, string, string, string)>("SELECT actor, action, target, details::text FROM audit_events ORDER BY id");
        return rows.Select(r => (r.Item1, r.Item2, r.Item3, JsonDocument.Parse(r.Item4).RootElement)).ToList();
    }

    [Fact]
    public async Task A_missing_parameter_loads_as_null_and_the_first_save_creates_version_1()
    {
        Assert.Null(await Editor.LoadAsync());

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test"), BaseVersion: 0, Admin, "First invitations"));

        var saved = Assert.IsType<SaveOutcome.Saved>(outcome);
        Assert.Equal(1, saved.Version);
        Assert.Equal(["ada@autri.test"], saved.Diff.Added);
        var current = await Editor.LoadAsync();
        Assert.Equal((1L, ParameterType.StringList, "ada@autri.test"), (current!.Version, current.Type, current.List.ToParameterValue()));
        Assert.Equal(new ChangeDescription(Admin, "First invitations"), current.Change);
    }

    [Fact]
    public async Task A_save_writes_the_next_version_with_author_and_note_and_an_audit_row()
    {
        await Seed("ada@autri.test,bob@autri.test");

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "carol@autri.test"), 1, Admin, "Swap Bob for Carol"));

        var saved = Assert.IsType<SaveOutcome.Saved>(outcome);
        Assert.Equal(2, saved.Version);
        Assert.True(saved.Audited);
        Assert.Equal("ada@autri.test,carol@autri.test", (await Store.GetAsync(Name)).Value);
        var history = await Editor.HistoryAsync();
        Assert.Equal([1L, 2L], history.Select(h => h.Version));
        Assert.Equal(new ChangeDescription(Admin, "Swap Bob for Carol"), history[^1].Change);
        Assert.Equal(new ChangeDescription(null, "seeded"), history[0].Change);
        var row = Assert.Single(await AuditRowsAsync());
        Assert.Equal((Admin, AllowlistAudit.SaveAction, Name), (row.Actor, row.Action, row.Target));
        Assert.Equal(2, row.Details.GetProperty("version").GetInt64());
        Assert.Equal(1, row.Details.GetProperty("previous_version").GetInt64());
        Assert.Equal(["carol@autri.test"], row.Details.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["bob@autri.test"], row.Details.GetProperty("removed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Swap Bob for Carol", row.Details.GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_save_based_on_an_older_version_is_a_conflict_and_writes_nothing()
    {
        await Seed("ada@autri.test");
        await Store.PutAsync(new PutParameter(Name, "ada@autri.test,zed@autri.test", ParameterType.StringList, true, ChangeDescription.Format("other@autri.test", "Add Zed")));

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "carol@autri.test"), 1, Admin, "Add Carol"));

        var conflict = Assert.IsType<SaveOutcome.Conflict>(outcome);
        Assert.Equal(2, conflict.Current.Version);
        Assert.Equal(["ada@autri.test", "zed@autri.test"], conflict.Current.List.Sorted);
        Assert.Equal("other@autri.test", conflict.Current.Change.By);
        Assert.Equal(2, (await Store.GetAsync(Name)).Version);
        Assert.Empty(await AuditRowsAsync());
    }

    [Fact]
    public async Task A_write_that_lands_between_the_re_read_and_the_put_is_detected_audited_and_reported()
    {
        await Seed("ada@autri.test");
        Racing.WriteBeforeNextPut(new PutParameter(Name, "ada@autri.test,zed@autri.test", ParameterType.StringList, true, "by other@autri.test: Add Zed"));

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "carol@autri.test"), 1, Admin, "Add Carol"));

        var race = Assert.IsType<SaveOutcome.RaceDetected>(outcome);
        Assert.Equal((2L, 3L), (race.Expected, race.Actual));
        Assert.Equal("ada@autri.test,carol@autri.test", (await Store.GetAsync(Name)).Value);
        var rows = await AuditRowsAsync();
        Assert.Equal([AllowlistAudit.SaveAction, AllowlistAudit.RaceAction], rows.Select(r => r.Action));
        Assert.Equal(3, rows[0].Details.GetProperty("version").GetInt64());
        Assert.Equal(2, rows[1].Details.GetProperty("expected_version").GetInt64());
        Assert.Equal(3, rows[1].Details.GetProperty("actual_version").GetInt64());
    }

    [Fact]
    public async Task Creating_a_list_that_someone_else_created_first_is_a_conflict()
    {
        await Seed("zed@autri.test", description: "by other@autri.test: First");

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test"), 0, Admin, "First invitations"));

        var conflict = Assert.IsType<SaveOutcome.Conflict>(outcome);
        Assert.Equal(["zed@autri.test"], conflict.Current.List.Sorted);
        Assert.Equal("zed@autri.test", (await Store.GetAsync(Name)).Value);
    }

    [Fact]
    public async Task A_parameter_deleted_since_it_was_loaded_is_reported_missing()
    {
        await Seed("ada@autri.test");
        await DeleteParameterAsync(Name);

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "bob@autri.test"), 1, Admin, "Add Bob"));

        Assert.IsType<SaveOutcome.Missing>(outcome);
    }

    [Fact]
    public async Task Saving_a_string_parameter_writes_a_string_list_and_records_the_old_type()
    {
        await Seed("ada@autri.test, bob@autri.test", ParameterType.String);

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "bob@autri.test"), 1, Admin, "Store as a list"));

        Assert.IsType<SaveOutcome.Saved>(outcome);
        Assert.Equal(ParameterType.StringList, (await Store.GetAsync(Name)).Type);
        Assert.Equal("String", Assert.Single(await AuditRowsAsync()).Details.GetProperty("type_changed_from").GetString());
    }

    [Fact]
    public async Task A_secure_string_parameter_is_not_overwritten()
    {
        await Seed("ada@autri.test", ParameterType.SecureString);

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "bob@autri.test"), 1, Admin, "Add Bob"));

        Assert.Contains("is a SecureString parameter", Assert.Single(Assert.IsType<SaveOutcome.Refused>(outcome).Problems));
        Assert.Equal(1, (await Store.GetAsync(Name)).Version);
    }

    [Fact]
    public async Task An_empty_or_oversized_list_or_a_missing_note_is_refused_before_the_store_is_called()
    {
        await Seed("ada@autri.test");
        var huge = List(Enumerable.Range(0, 300).Select(i => $"person{i:000}@example.test").ToArray());

        var empty = await Editor.SaveAsync(new AllowlistSave(BetaAllowlist.Empty, 1, Admin, "Nobody"));
        var tooBig = await Editor.SaveAsync(new AllowlistSave(huge, 1, Admin, "Everyone"));
        var noNote = await Editor.SaveAsync(new AllowlistSave(List("bob@autri.test"), 1, Admin, "  "));

        Assert.IsType<SaveOutcome.Refused>(empty);
        Assert.Contains(Assert.IsType<SaveOutcome.Refused>(tooBig).Problems, p => p.Contains("over Parameter Store's limit of 4096 bytes"));
        Assert.Contains("A change note is required: say why the list changes.", Assert.IsType<SaveOutcome.Refused>(noNote).Problems);
        Assert.Equal(1, (await Store.GetAsync(Name)).Version);
    }

    [Fact]
    public async Task A_save_suspends_at_once_the_connectors_of_whoever_it_removes_and_a_later_save_restores_them()
    {
        var bob = Guid.NewGuid();
        await using (var conn = await Db.OpenConnectionAsync())
            await conn.ExecuteAsync("INSERT INTO users (id, subject, email) VALUES (@bob, 'sub-bob', 'bob@autri.test')", new { bob });
        var v1 = await Seed("ada@autri.test,bob@autri.test");

        await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test"), v1, Admin, "Bob left"));
        Assert.Equal([bob], await SuspendedOwnersAsync());

        await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "bob@autri.test"), v1 + 1, Admin, "Bob is back"));
        Assert.Empty(await SuspendedOwnersAsync());
    }

    private async Task<IReadOnlyList<Guid>> SuspendedOwnersAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<Guid>("SELECT user_id FROM suspended_owners")).AsList();
    }

    [Fact]
    public async Task The_cached_reader_of_this_process_sees_a_save_at_once()
    {
        await Seed("ada@autri.test");
        Assert.False(await Reader.IsAllowedAsync("carol@autri.test"));

        await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "carol@autri.test"), 1, Admin, "Add Carol"));

        Assert.True(await Reader.IsAllowedAsync("carol@autri.test"));
    }

    [Fact]
    public async Task A_restore_is_a_new_version_and_the_audit_names_the_restored_version()
    {
        await Seed("ada@autri.test");
        await Seed("ada@autri.test,bob@autri.test");

        var outcome = await Editor.SaveAsync(new AllowlistSave((await Editor.HistoryAsync())[0].List, 2, Admin, "Restore version 1", RestoredFrom: 1));

        Assert.Equal(3, Assert.IsType<SaveOutcome.Saved>(outcome).Version);
        Assert.Equal("ada@autri.test", (await Store.GetAsync(Name)).Value);
        var row = Assert.Single(await AuditRowsAsync());
        Assert.Equal(1, row.Details.GetProperty("restored_from").GetInt64());
        Assert.Equal(["bob@autri.test"], row.Details.GetProperty("removed").EnumerateArray().Select(e => e.GetString()));
    }
}
