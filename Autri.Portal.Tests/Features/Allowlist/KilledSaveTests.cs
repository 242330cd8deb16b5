namespace Autri.Portal.Tests.Features.Allowlist;

/// <summary>
/// A portal process killed with SIGKILL in the middle of an allowlist save, at the one point where it can do harm:
/// after the new version is written and before its audit row is (SSM cannot join a transaction, so the two writes are
/// apart in Aws mode; Local mode keeps them apart the same way). The version must be whole, and another instance must
/// record it, so the history and the audit log agree again.
/// </summary>
[Collection(PortalCollection.Name)]
public class KilledSaveTests(PortalStack stack)
{
    [Fact]
    public async Task A_save_killed_between_the_version_and_its_audit_row_leaves_a_whole_version_another_instance_records()
    {
        await stack.InviteNewAsync("before"); // the list exists, whatever ran before
        await using var survivor = await stack.StartSpareAsync(new Dictionary<string, string?>
        {
            ["Portal:AllowlistMirrorSeconds"] = "5", ["Portal:AllowlistAuditSettleSeconds"] = "5",
        });
        await using var doomed = await PortalProcess.StartAsync(stack);
        using var signedIn = await PortalSession.SignInAsync(stack.Portal.Url, DevIdentityProvider.AdminEmail);
        var admin = signedIn.At(doomed.Url);
        var invited = PortalStack.UniqueEmail("killed");
        var preview = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), "allowlist-edit", f => f
            .Set("Edit.Additions", invited).Set("Edit.Note", "Invite " + invited));
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var store = new PostgresParameterStore(stack.Db, "test");
        var before = await store.GetAsync(BetaAllowlist.ParameterName);

        await using (var conn = await stack.Db.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            // Holding audit_events locked stops the save right after it wrote the version: the kill lands in the gap.
            await conn.ExecuteAsync("LOCK TABLE audit_events IN EXCLUSIVE MODE", transaction: tx);
            var save = admin.SubmitAsync(preview, "allowlist-save", f => f.Set("Save.Intent", "save"));
            for (var deadline = DateTime.UtcNow.AddSeconds(30); (await store.GetAsync(BetaAllowlist.ParameterName)).Version == before.Version; await Task.Delay(50))
                Assert.True(DateTime.UtcNow < deadline, "The save never wrote its version: " + doomed.Output);

            await doomed.KillAsync();

            Assert.NotNull(await Record.ExceptionAsync(() => save)); // the connection died with the process: no answer
            await tx.RollbackAsync();
        }

        var written = await store.GetAsync(BetaAllowlist.ParameterName);
        Assert.Equal(before.Version + 1, written.Version);
        var expected = BetaAllowlist.FromEmails(BetaAllowlist.FromParameterValue(before.Value).Sorted.Append(invited));
        Assert.Equal(expected.ToParameterValue(), written.Value); // whole: the list the admin previewed, nothing less
        var actions = await RowsForAsync(written.Version);
        Assert.DoesNotContain(AllowlistAudit.SaveAction, actions);

        for (var deadline = DateTime.UtcNow.AddSeconds(60); actions.Count == 0; await Task.Delay(250))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No instance recorded version {written.Version}");
            actions = await RowsForAsync(written.Version);
        }
        Assert.Equal([AllowlistAudit.UnauditedAction], actions);
        await Task.Delay(TimeSpan.FromSeconds(6)); // the survivor's next re-read: recorded once, not at every read
        Assert.Equal([AllowlistAudit.UnauditedAction], await RowsForAsync(written.Version));
    }

    private async Task<List<string>> RowsForAsync(long version)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return (await conn.QueryAsync<string>(
            "SELECT action FROM audit_events WHERE target = @target AND details->>'version' = @version ORDER BY id",
            new { target = BetaAllowlist.ParameterName, version = version.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToList();
    }
}
