namespace Autri.Portal.Tests.Features.Connectors;

/// <summary>
/// Connectors of someone taken off the allowlist are suspended, not deleted: admins see them as such with the reason, the
/// owner sees why when they can sign in again before the suspension is lifted, and re-inviting restores them.
/// </summary>
[Collection(PortalCollection.Name)]
public class SuspendedConnectorTests(PortalStack stack)
{
    private ApiKeyVerifier Verifier => stack.Portal.Services.GetRequiredService<ApiKeyVerifier>();

    /// <summary>Someone else stays on the list, which may never be empty.</summary>
    private Task KeepTheListNonEmptyAsync() => stack.AllowAsync(PortalStack.UniqueEmail("stays"));

    [Fact]
    public async Task An_admin_sees_the_connectors_of_someone_taken_off_the_allowlist_as_suspended_and_re_inviting_restores_them()
    {
        await KeepTheListNonEmptyAsync();
        using var owner = await stack.SignInAsync();
        var key = await owner.CreateConnectorAsync("Suspended later", kind: "api_key");
        using var admin = await stack.SignInAsync("admin@autri.test", allow: false);

        await stack.DisallowAsync(owner.Email);

        var row = (await admin.GetAsync("/admin/connectors")).Document.QuerySelector($"tr[data-connector-id='{key.Id}']")!;
        Assert.Contains("Suspended", row.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Contains("not on the beta allowlist", row.TextContent);
        Assert.Equal(ApiKeyOutcome.Suspended, (await Verifier.VerifyAsync(key.Secret, default)).Outcome);
        var users = await admin.GetAsync("/admin/users");
        var userRow = users.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(owner.Email));
        Assert.Contains("Not invited: 1 connector suspended", userRow.TextContent);
        var filtered = await admin.GetAsync("/admin/connectors?status=suspended");
        Assert.NotNull(filtered.Document.QuerySelector($"tr[data-connector-id='{key.Id}']"));
        Assert.All(filtered.Document.QuerySelectorAll("tbody tr [data-testid=status]"), s => Assert.Contains("Suspended", s.TextContent));

        await stack.AllowAsync(owner.Email);
        Verifier.Invalidate(key.Id);

        var restored = (await admin.GetAsync("/admin/connectors")).Document.QuerySelector($"tr[data-connector-id='{key.Id}']")!;
        Assert.Contains("Active", restored.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.True((await Verifier.VerifyAsync(key.Secret, default)).IsValid);
        Assert.DoesNotContain("Not invited", (await admin.GetAsync("/admin/users")).Document.QuerySelectorAll("tbody tr")
            .Single(r => r.TextContent.Contains(owner.Email)).TextContent);
    }

    [Fact]
    public async Task An_owner_re_invited_outside_the_portal_sees_their_connectors_suspended_and_why_until_the_mirror_catches_up()
    {
        await KeepTheListNonEmptyAsync();
        using var owner = await stack.SignInAsync();
        var key = await owner.CreateConnectorAsync("Back soon", kind: "api_key");
        await stack.DisallowAsync(owner.Email);

        // Someone puts them back in the SSM console: the sign-in gate sees it within its cache, the suspensions at the next refresh.
        await TestAllowlist.EditOutsideThePortalAsync(stack.Db, current => current.Append(owner.Email));
        stack.Portal.Services.GetRequiredService<AllowlistReader>().Invalidate();

        var listing = await owner.GetAsync("/connectors");
        Assert.Equal(HttpStatusCode.OK, listing.Status);
        Assert.Contains("Suspended", listing.Document.QuerySelector("[data-testid=connectors-table] [data-testid=status]")!.TextContent);
        Assert.Contains("not on the beta allowlist", listing.TextAt("[data-testid=suspended-notice]"));
        var details = await owner.GetAsync($"/connectors/{key.Id}");
        Assert.Contains("not on the beta allowlist", details.TextAt("[data-testid=suspended-notice]"));

        await stack.Portal.Services.GetRequiredService<AllowlistMirror>().RefreshAsync();

        var after = await owner.GetAsync("/connectors");
        Assert.Contains("Active", after.Document.QuerySelector("[data-testid=connectors-table] [data-testid=status]")!.TextContent);
        Assert.Null(after.Document.QuerySelector("[data-testid=suspended-notice]"));
    }
}
