namespace Autri.Portal.Tests.Browser;

/// <summary>The allowlist editor in Chromium, as an admin: the paste-fix-preview-save flow, a conflict with a second session, a restore.</summary>
[Collection(AllowlistCollection.Name)]
public class AllowlistBrowserTests(AllowlistStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_fixes_invalid_lines_previews_meets_a_conflict_re_applies_and_restores_from_history()
    {
        var portal = stack.Local;
        await portal.ResetAsync("ada@autri.test,bob@autri.test", description: "by lead@autri.test: Start the beta");
        var first = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(first, portal.Url, "admin@autri.test");
        await first.GotoAsync(portal.Url + "/admin/allowlist");
        await Assertions.Expect(first.GetByTestId("allowlist-current")).ToContainTextAsync("by lead@autri.test: “Start the beta”");

        // Paste a mixed list with two invalid lines: nothing is saved, the lines are named with their reasons, the input stays.
        const string mixed = "carol@autri.test\nnot-an-email\nDan@Autri.test, carol@autri.test\nerin@nowhere";
        await first.GetByLabel("Add emails").FillAsync(mixed);
        await first.GetByLabel("Change note").FillAsync("Invite the design partners");
        await first.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        var invalid = first.GetByTestId("invalid-lines");
        await Assertions.Expect(invalid).ToContainTextAsync("Line 2: not-an-email has no @");
        await Assertions.Expect(invalid).ToContainTextAsync("Line 4: erin@nowhere has no dot in the domain");
        await Assertions.Expect(first.GetByLabel("Add emails")).ToHaveValueAsync(mixed);
        await Assertions.Expect(first.GetByLabel("Change note")).ToHaveValueAsync("Invite the design partners");

        // Fix the lines, tick Bob for removal (found with the list filter), preview.
        await first.GetByLabel("Add emails").FillAsync("carol@autri.test\nDan@Autri.test, carol@autri.test\nerin@nowhere.test");
        await first.GetByLabel("Filter the list").FillAsync("bob");
        await Assertions.Expect(first.Locator("li[data-email='ada@autri.test']")).ToBeHiddenAsync();
        await first.GetByRole(AriaRole.Checkbox, new() { Name = "Remove from the list: bob@autri.test" }).CheckAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        var added = first.GetByRole(AriaRole.List, new() { Name = "Added" });
        await Assertions.Expect(added.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["+ carol@autri.test", "+ dan@autri.test", "+ erin@nowhere.test"]);
        await Assertions.Expect(first.GetByRole(AriaRole.List, new() { Name = "Removed" }).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["− bob@autri.test"]);

        // Meanwhile a second admin session saves a change of its own.
        var second = await browser.NewPageAsync();
        await BrowserSignIn.SignInAsync(second, portal.Url, "admin@autri.test");
        await second.GotoAsync(portal.Url + "/admin/allowlist");
        await second.GetByLabel("Add emails").FillAsync("zed@autri.test");
        await second.GetByLabel("Change note").FillAsync("Invite Zed");
        await second.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Save as version 2" }).ClickAsync();
        await Assertions.Expect(second.GetByTestId("allowlist-saved")).ToContainTextAsync("Saved as version 2");

        // The first session's save is refused with both lists shown.
        await first.GetByRole(AriaRole.Button, new() { Name = "Save as version 2" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Not saved: the allowlist changed while you were editing" })).ToBeVisibleAsync();
        await Assertions.Expect(first.GetByTestId("your-list").GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["ada@autri.test", "carol@autri.test", "dan@autri.test", "erin@nowhere.test"]);
        await Assertions.Expect(first.GetByTestId("current-list").GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["ada@autri.test", "bob@autri.test", "zed@autri.test"]);
        Assert.Equal("ada@autri.test,bob@autri.test,zed@autri.test", (await portal.CurrentAsync()).Value);

        // Re-apply the same input to the current version and save it.
        await first.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Save as version 3" }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("allowlist-saved")).ToContainTextAsync("Saved as version 3");
        Assert.Equal("ada@autri.test,carol@autri.test,dan@autri.test,erin@nowhere.test,zed@autri.test", (await portal.CurrentAsync()).Value);

        // Restore version 1 from the history, as a new version with a note.
        await first.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Allowlist history");
        await Assertions.Expect(first.Locator("tr[data-version='3']")).ToContainTextAsync("Invite the design partners");
        await first.GetByRole(AriaRole.Link, new() { Name = "Restore version 1…" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.List, new() { Name = "Removed" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(4);
        await first.GetByLabel("Change note").FillAsync("Restore version 1: partners start next month");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save as version 4" }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("allowlist-saved")).ToContainTextAsync("Saved as version 4");
        Assert.Equal("ada@autri.test,bob@autri.test", (await portal.CurrentAsync()).Value);
    }
}
