namespace Autri.Infra.Tests.Allowlist;

public sealed class PostgresAllowlistEditorTests : AllowlistEditorContract
{
    protected override Task<IParameterStore> CreateStoreAsync(NpgsqlDataSource db) =>
        Task.FromResult<IParameterStore>(new PostgresParameterStore(db, "portal"));

    protected override async Task DeleteParameterAsync(string name)
    {
        await using var cmd = Db.CreateCommand("DELETE FROM parameter_versions WHERE name = $1");
        cmd.Parameters.AddWithValue(name);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task With_the_audit_table_unavailable_the_save_still_reports_its_version_and_the_missing_audit_row()
    {
        await Seed("ada@autri.test");
        await using (var drop = Db.CreateCommand("ALTER TABLE audit_events RENAME TO audit_events_away")) await drop.ExecuteNonQueryAsync();

        var outcome = await Editor.SaveAsync(new AllowlistSave(List("ada@autri.test", "bob@autri.test"), 1, Admin, "Add Bob"));

        var saved = Assert.IsType<SaveOutcome.Saved>(outcome);
        Assert.Equal(2, saved.Version);
        Assert.False(saved.Audited);
    }
}
