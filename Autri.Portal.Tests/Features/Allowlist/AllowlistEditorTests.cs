namespace Autri.Portal.Tests.Features.Allowlist;

/// <summary>The editor end to end over HTTP, as the admin, on both parameter stores: Local (Postgres) and Aws (SSM through the strict fake).</summary>
[Collection(AllowlistCollection.Name)]
public class AllowlistEditorTests(AllowlistStack stack)
{
    public static TheoryData<string> Modes => new() { "local", "aws" };

    private const string Edit = "allowlist-edit";
    private const string Save = "allowlist-save";

    /// <summary>The edit form as the admin left it: the pasted lines, the note and the ticked removals.</summary>
    private static void AssertInputKept(Page page, string additions, string note, params string[] removed)
    {
        Assert.Equal(additions, page.Document.QuerySelector("#allowlist-additions")!.TextContent);
        Assert.Equal(note, page.Document.QuerySelector("#allowlist-note")!.GetAttribute("value"));
        foreach (var email in removed)
            Assert.True(page.Document.QuerySelector($"input[name=remove][value='{email}']")!.HasAttribute("checked"), email + " stays ticked");
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task The_editor_shows_the_sorted_list_its_count_size_version_and_who_changed_it_last(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("bob@autri.test,ada@autri.test");
        await t.PutAsync("bob@autri.test,ada@autri.test,carol@autri.test", description: "by lead@autri.test: Invite Carol");
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);

        var page = await admin.GetAsync("/admin/allowlist");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["ada@autri.test", "bob@autri.test", "carol@autri.test"], page.Document.QuerySelectorAll("#allowlist-entries li").Select(li => li.GetAttribute("data-email")));
        Assert.Equal("3", page.TextOf("allowlist-count"));
        var current = page.TextOf("allowlist-current");
        Assert.Contains("version 2", current);
        Assert.Contains("by lead@autri.test: “Invite Carol”", current);
        Assert.Equal($"{"ada@autri.test,bob@autri.test,carol@autri.test".Length} of 4,096 bytes (1 %)", page.TextOf("allowlist-size"));
        Assert.False(page.Has("allowlist-size-warning"));
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task From_eighty_percent_of_the_four_kilobyte_limit_the_page_warns(string mode)
    {
        var t = stack.Target(mode);
        // 150 emails of 22 bytes and 149 commas: 3449 bytes, 84 % of 4096.
        await t.ResetAsync(string.Join(',', Enumerable.Range(0, 150).Select(i => $"person{i:000}@example.test")));
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);

        var page = await admin.GetAsync("/admin/allowlist");

        Assert.Equal("3,449 of 4,096 bytes (84 %)", page.TextOf("allowlist-size"));
        Assert.Contains("The list uses 84 % of the 4 KB limit", page.TextOf("allowlist-size-warning"));
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task Invalid_pasted_lines_are_listed_with_their_reasons_the_input_is_kept_and_nothing_is_written(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test");
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);
        const string pasted = "Dan@Autri.test\nnot-an-email\n eve@autri.test, frank@nowhere\n";

        var answer = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), Edit, f => f
            .Set("Edit.Additions", pasted).Set("Edit.Note", "Invite the design partners").Tick("remove", "ada@autri.test"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        var invalid = answer.TextOf("invalid-lines");
        Assert.Contains("Line 2: not-an-email has no @", invalid);
        Assert.Contains("Line 3: frank@nowhere has no dot in the domain", invalid);
        Assert.Contains("2 lines are not valid emails", answer.TextOf("allowlist-problems"));
        AssertInputKept(answer, pasted, "Invite the design partners", "ada@autri.test");
        Assert.Equal(1, (await t.CurrentAsync()).Version);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task A_change_note_is_required_before_the_preview(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test");
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);

        var answer = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), Edit, f => f.Set("Edit.Additions", "bob@autri.test").Set("Edit.Note", "  "));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Contains("A change note is required", answer.Text);
        Assert.Equal("bob@autri.test", answer.Document.QuerySelector("#allowlist-additions")!.TextContent);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task Preview_shows_the_diff_and_save_writes_the_next_version_with_the_admin_the_note_and_an_audit_row(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test,bob@autri.test");
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);
        var note = $"Swap Bob for Dan and Eve ({mode})";

        var preview = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), Edit, f => f
            .Set("Edit.Additions", "DAN@autri.test\neve@autri.test, dan@autri.test\nada@autri.test").Set("Edit.Note", note).Tick("remove", "bob@autri.test"));

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal(["dan@autri.test", "eve@autri.test"], preview.ItemsOf("allowlist-diff", "Added"));
        Assert.Equal(["bob@autri.test"], preview.ItemsOf("allowlist-diff", "Removed"));
        Assert.Contains("2 pasted emails were already on the list or repeated, and collapsed", preview.Text);
        Assert.Equal("3", preview.TextOf("proposed-count"));
        Assert.Equal(1, (await t.CurrentAsync()).Version);

        var saved = await admin.SubmitAsync(preview, Save, f => f.Set("Save.Intent", "save"));

        Assert.Equal("/admin/allowlist?saved=2", saved.Location);
        var after = await admin.FollowAsync(saved);
        Assert.Contains("Saved as version 2. This portal instance uses the new list now", after.TextOf("allowlist-saved"));
        Assert.Contains("within 30 seconds", after.TextOf("allowlist-saved"));
        Assert.Contains($"by admin@autri.test: “{note}”", after.TextOf("allowlist-current"));
        var stored = await t.CurrentAsync();
        Assert.Equal((2L, ParameterType.StringList, "ada@autri.test,dan@autri.test,eve@autri.test"), (stored.Version, stored.Type, stored.Value));
        Assert.Equal($"by admin@autri.test: {note}", (await t.Store.GetHistoryAsync(t.ParameterName))[^1].Description);
        var row = Assert.Single(await AuditRows.ForNoteAsync(stack.Db, note));
        Assert.Equal(("admin@autri.test", AllowlistAudit.SaveAction, t.ParameterName), (row.Actor, row.Action, row.Target));
        Assert.Equal(["dan@autri.test", "eve@autri.test"], row.Details.Strings("added"));
        Assert.Equal(["bob@autri.test"], row.Details.Strings("removed"));
        Assert.Equal(2, row.Details.GetProperty("version").GetInt64());
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task Back_to_editing_from_the_preview_keeps_the_input(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test,bob@autri.test");
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);
        var preview = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), Edit, f => f
            .Set("Edit.Additions", "carol@autri.test").Set("Edit.Note", "Carol in, Bob out").Tick("remove", "bob@autri.test"));

        var back = await admin.SubmitAsync(preview, Save, f => f.Set("Save.Intent", "edit"));

        Assert.Equal(HttpStatusCode.OK, back.Status);
        AssertInputKept(back, "carol@autri.test", "Carol in, Bob out", "bob@autri.test");
        Assert.False(back.Document.QuerySelector("input[name=remove][value='ada@autri.test']")!.HasAttribute("checked"));
        Assert.Equal(1, (await t.CurrentAsync()).Version);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task A_save_after_another_admin_saved_gets_the_conflict_page_with_both_lists_and_can_re_apply(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test");
        using var first = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);
        using var second = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);
        var firstPreview = await first.SubmitAsync(await first.GetAsync("/admin/allowlist"), Edit, f => f.Set("Edit.Additions", "carol@autri.test").Set("Edit.Note", $"Carol ({mode})"));
        var secondPreview = await second.SubmitAsync(await second.GetAsync("/admin/allowlist"), Edit, f => f.Set("Edit.Additions", "zed@autri.test").Set("Edit.Note", $"Zed ({mode})"));
        Assert.Equal("/admin/allowlist?saved=2", (await second.SubmitAsync(secondPreview, Save, f => f.Set("Save.Intent", "save"))).Location);

        var conflict = await first.SubmitAsync(firstPreview, Save, f => f.Set("Save.Intent", "save"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Contains("Not saved: the allowlist changed while you were editing", conflict.TextOf("allowlist-conflict"));
        Assert.Contains("You started from version 1; it is now version 2", conflict.TextOf("allowlist-conflict"));
        Assert.Contains($"by admin@autri.test: “Zed ({mode})”", conflict.TextOf("allowlist-conflict"));
        Assert.Equal(["ada@autri.test", "carol@autri.test"], conflict.Document.QuerySelectorAll("[data-testid=your-list] li").Select(li => li.TextContent));
        Assert.Equal(["ada@autri.test", "zed@autri.test"], conflict.Document.QuerySelectorAll("[data-testid=current-list] li").Select(li => li.TextContent));
        Assert.Equal(["zed@autri.test"], conflict.ItemsOf("changed-since", "Added"));
        Assert.Equal("ada@autri.test,zed@autri.test", (await t.CurrentAsync()).Value);
        Assert.Empty(await AuditRows.ForNoteAsync(stack.Db, $"Carol ({mode})"));

        var again = await first.SubmitAsync(conflict, Edit);
        Assert.Equal(["carol@autri.test"], again.ItemsOf("allowlist-diff", "Added"));
        Assert.Empty(again.ItemsOf("allowlist-diff", "Removed"));
        Assert.Equal("/admin/allowlist?saved=3", (await first.SubmitAsync(again, Save, f => f.Set("Save.Intent", "save"))).Location);
        Assert.Equal("ada@autri.test,carol@autri.test,zed@autri.test", (await t.CurrentAsync()).Value);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task A_write_landing_between_the_re_read_and_the_put_is_shown_as_a_race_and_audited(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test");
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);
        var note = $"Add Carol, raced ({mode})";
        var preview = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), Edit, f => f.Set("Edit.Additions", "carol@autri.test").Set("Edit.Note", note));
        t.Store.WriteBeforeNextPut(new PutParameter(t.ParameterName, "ada@autri.test,zed@autri.test", ParameterType.StringList, true, "by other@autri.test: Add Zed"));

        var race = await admin.SubmitAsync(preview, Save, f => f.Set("Save.Intent", "save"));

        Assert.Equal(HttpStatusCode.OK, race.Status);
        var text = race.TextOf("allowlist-race");
        Assert.Contains("Saved as version 3, but another change raced with it", text);
        Assert.Contains("expecting version 2", text);
        Assert.Contains("allowlist.race_detected", text);
        Assert.NotNull(race.Document.QuerySelector("[data-testid=allowlist-race] a[href='/admin/allowlist/history?from=1&to=2']"));
        Assert.NotNull(race.Document.QuerySelector("[data-testid=allowlist-race] a[href='/admin/allowlist/history?from=2&to=3']"));
        Assert.Equal("ada@autri.test,carol@autri.test", (await t.CurrentAsync()).Value);
        var rows = await AuditRows.ForNoteAsync(stack.Db, note);
        Assert.Equal([AllowlistAudit.SaveAction, AllowlistAudit.RaceAction], rows.Select(r => r.Action));
        Assert.Equal((2L, 3L), (rows[1].Details.GetProperty("expected_version").GetInt64(), rows[1].Details.GetProperty("actual_version").GetInt64()));
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task A_paste_over_the_size_limit_is_refused_with_the_input_kept_and_nothing_written(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test");
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);
        var many = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"someone.with.a.long.name{i:000}@example.test"));

        var answer = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), Edit, f => f.Set("Edit.Additions", many).Set("Edit.Note", "Everyone"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Contains("over Parameter Store's limit of 4096 bytes for a standard parameter", answer.TextOf("allowlist-problems"));
        Assert.Equal(many, answer.Document.QuerySelector("#allowlist-additions")!.TextContent);
        Assert.Equal(1, (await t.CurrentAsync()).Version);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task A_missing_parameter_is_offered_for_creation_and_created_as_a_string_list(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync(null);
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);

        var page = await admin.GetAsync("/admin/allowlist");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("does not exist yet (first run)", page.TextOf("allowlist-missing"));
        var preview = await admin.SubmitAsync(page, Edit, f => f.Set("Edit.Additions", "ada@autri.test\nbob@autri.test").Set("Edit.Note", $"First invitations ({mode})"));
        Assert.Contains("Preview: create version 1", preview.Text);
        var saved = await admin.SubmitAsync(preview, Save, f => f.Set("Save.Intent", "save"));

        Assert.Equal("/admin/allowlist?saved=1", saved.Location);
        var stored = await t.CurrentAsync();
        Assert.Equal((1L, ParameterType.StringList, "ada@autri.test,bob@autri.test"), (stored.Version, stored.Type, stored.Value));
        Assert.Single(await AuditRows.ForNoteAsync(stack.Db, $"First invitations ({mode})"));
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task A_parameter_deleted_while_the_admin_previewed_is_offered_for_creation_with_the_list_kept(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test");
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);
        var preview = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), Edit, f => f.Set("Edit.Additions", "bob@autri.test").Set("Edit.Note", "Add Bob"));
        await t.DeleteAsync(t.ParameterName);

        var answer = await admin.SubmitAsync(preview, Save, f => f.Set("Save.Intent", "save"));

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Contains("was deleted since you loaded it. Nothing was saved", answer.TextOf("allowlist-notice"));
        Assert.Contains("does not exist yet", answer.TextOf("allowlist-missing"));
        AssertInputKept(answer, "ada@autri.test\nbob@autri.test", "Add Bob");
        var recreated = await admin.SubmitAsync(await admin.SubmitAsync(answer, Edit), Save, f => f.Set("Save.Intent", "save"));
        Assert.Equal("/admin/allowlist?saved=1", recreated.Location);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task A_string_parameter_is_flagged_and_saving_it_unchanged_converts_it_to_a_string_list(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test, bob@autri.test", ParameterType.String);
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);

        var page = await admin.GetAsync("/admin/allowlist");
        Assert.Contains("stored as a String, not a StringList", page.TextOf("allowlist-wrong-type"));
        var preview = await admin.SubmitAsync(page, Edit, f => f.Set("Edit.Note", "Store as a list"));
        Assert.Contains("The emails stay the same; saving stores them as a StringList", preview.Text);
        var saved = await admin.SubmitAsync(preview, Save, f => f.Set("Save.Intent", "save"));

        Assert.Equal("/admin/allowlist?saved=2", saved.Location);
        var stored = await t.CurrentAsync();
        Assert.Equal((ParameterType.StringList, "ada@autri.test,bob@autri.test"), (stored.Type, stored.Value));
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task A_secure_string_parameter_is_explained_and_not_editable(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test", ParameterType.SecureString);
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);

        var page = await admin.GetAsync("/admin/allowlist");

        Assert.Contains("is a SecureString parameter", page.TextOf("allowlist-refused"));
        Assert.False(page.HasForm(Edit));
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task History_shows_who_and_why_compares_two_versions_and_restores_an_old_one_as_a_new_version(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test", description: "by lead@autri.test: Start");
        await t.PutAsync("ada@autri.test,bob@autri.test", description: "by lead@autri.test: Add Bob");
        await t.PutAsync("ada@autri.test,bob@autri.test,carol@autri.test", description: "Edited by hand");
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);

        var history = await admin.GetAsync("/admin/allowlist/history");

        Assert.Equal(["3", "2", "1"], history.Document.QuerySelectorAll("[data-testid=history-table] tbody tr").Select(r => r.GetAttribute("data-version")));
        var v2 = history.Document.QuerySelector("tr[data-version='2']")!.TextContent;
        Assert.Contains("lead@autri.test", v2);
        Assert.Contains("Add Bob", v2);
        Assert.Contains("Edited by hand", history.Document.QuerySelector("tr[data-version='3']")!.TextContent);
        var compare = await admin.GetAsync("/admin/allowlist/history?from=1&to=3");
        Assert.Equal(["bob@autri.test", "carol@autri.test"], compare.ItemsOf("history-compare", "Added"));
        Assert.Empty(compare.ItemsOf("history-compare", "Removed"));

        var restoreLink = history.Document.QuerySelector("tr[data-version='1'] a[href^='/admin/allowlist?restore=']")!.GetAttribute("href")!;
        var preview = await admin.GetAsync(restoreLink);
        Assert.Equal(["bob@autri.test", "carol@autri.test"], preview.ItemsOf("allowlist-diff", "Removed"));
        Assert.Equal("Restore version 1", preview.Document.QuerySelector("#save-note")!.GetAttribute("value"));
        var note = $"Restore version 1: back to Ada only ({mode})";
        var saved = await admin.SubmitAsync(preview, Save, f => f.Set("Save.Note", note).Set("Save.Intent", "save"));

        Assert.Equal("/admin/allowlist?saved=4", saved.Location);
        Assert.Equal("ada@autri.test", (await t.CurrentAsync()).Value);
        var row = Assert.Single(await AuditRows.ForNoteAsync(stack.Db, note));
        Assert.Equal(1, row.Details.GetProperty("restored_from").GetInt64());
        var after = await admin.GetAsync("/admin/allowlist/history");
        Assert.Contains(note, after.Document.QuerySelector("tr[data-version='4']")!.TextContent);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task The_sign_in_gate_of_the_instance_that_saved_sees_the_new_list_at_once(string mode)
    {
        var t = stack.Target(mode);
        await t.ResetAsync("ada@autri.test");
        var newcomer = PortalStack.UniqueEmail("newcomer");
        using (var early = new HttpSignIn()) Assert.Equal("/not-invited", await early.SignInAsync(t.Url, newcomer)); // the gate now caches the old list
        using var admin = await PortalSession.SignInAsync(t.Url, DevIdentityProvider.AdminEmail);
        var preview = await admin.SubmitAsync(await admin.GetAsync("/admin/allowlist"), Edit, f => f.Set("Edit.Additions", newcomer).Set("Edit.Note", "Let the newcomer in"));
        Assert.Equal("/admin/allowlist?saved=2", (await admin.SubmitAsync(preview, Save, f => f.Set("Save.Intent", "save"))).Location);

        using var later = new HttpSignIn();

        Assert.Equal("/", await later.SignInAsync(t.Url, newcomer));
    }

    [Fact]
    public async Task A_beta_user_gets_403_on_the_allowlist_history_and_configuration_pages_and_cannot_post()
    {
        var t = stack.Local;
        var user = PortalStack.UniqueEmail("beta");
        await t.ResetAsync("ada@autri.test," + user);
        using var session = await PortalSession.SignInAsync(t.Url, user);

        foreach (var path in new[] { "/admin/allowlist", "/admin/allowlist/history", "/admin/config", "/admin/allowlist?restore=1" })
            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(path)).Status);
        var token = (await session.GetAsync("/")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await session.Client.PostAsync(t.Url + "/admin/allowlist", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("_handler", "allowlist-save"), new("Save.Proposed", user),
            new("Save.BaseVersion", "1"), new("Save.Note", "me only"), new("Save.Intent", "save")]));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(1, (await t.CurrentAsync()).Version);
    }
}
