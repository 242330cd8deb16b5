namespace Autri.Infra.Tests.Provisioning;

public class ProvisioningServiceTests
{
    private static async Task<NpgsqlDataSource> NewDatabase()
    {
        var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("prov"));
        await new Migrator(db).ApplyAsync();
        return db;
    }

    [Fact]
    public async Task First_sign_in_creates_user_org_library_access_and_welcome()
    {
        await using var db = await NewDatabase();
        var svc = new ProvisioningService(db, TimeProvider.System);

        var p = await svc.EnsureProvisionedAsync(new NewIdentity("sub-1", "Ada@Example.com", "Ada", EmailVerified: true), recordSignIn: true);

        Assert.True(p.Created);
        await using var conn = await db.OpenConnectionAsync();
        Assert.Equal("ada@example.com", await conn.QuerySingleAsync<string>("SELECT email FROM users WHERE id = @UserId", p));
        Assert.Equal("owner", await conn.QuerySingleAsync<string>("SELECT access FROM library_access WHERE library_id = @LibraryId AND user_id = @UserId", p));
        Assert.Equal("Personal", await conn.QuerySingleAsync<string>("SELECT name FROM libraries WHERE id = @LibraryId AND org_id = @OrgId", p));
        var welcome = await conn.QuerySingleAsync<(string Title, string Link)>("SELECT title, link FROM notifications WHERE user_id = @UserId", p);
        Assert.Equal(("Welcome to Autri", "/help/connect"), welcome);
    }

    [Fact]
    public async Task Two_concurrent_first_sign_ins_make_exactly_one_of_everything()
    {
        await using var db = await NewDatabase();
        var svc = new ProvisioningService(db, TimeProvider.System);
        var who = new NewIdentity("sub-2", "grace@example.com", "Grace", EmailVerified: true);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => svc.EnsureProvisionedAsync(who, true))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.OrgId).Distinct());
        await using var conn = await db.OpenConnectionAsync();
        var counts = await conn.QuerySingleAsync<(long Users, long Orgs, long Libraries, long Access, long Welcome)>("""
            SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM orgs), (SELECT count(*) FROM libraries),
                   (SELECT count(*) FROM library_access), (SELECT count(*) FROM notifications WHERE type = 'welcome')
            """);
        Assert.Equal((1L, 1L, 1L, 1L, 1L), counts);
    }

    [Fact]
    public async Task Replaying_provisioning_repairs_a_partial_user_without_duplicates()
    {
        await using var db = await NewDatabase();
        var svc = new ProvisioningService(db, TimeProvider.System);
        var first = await svc.EnsureProvisionedAsync(new NewIdentity("sub-3", "lin@example.com", "Lin", EmailVerified: true), false);
        await using (var conn = await db.OpenConnectionAsync())
        {
            // Simulate a trigger that failed half-way in an older version: access and welcome missing.
            await conn.ExecuteAsync("DELETE FROM library_access; DELETE FROM notifications;");
        }

        var second = await svc.EnsureProvisionedAsync(new NewIdentity("sub-3", "lin@example.com", "Lin", EmailVerified: true), true);

        Assert.False(second.Created);
        Assert.Equal(first with { Created = false }, second);
        await using var check = await db.OpenConnectionAsync();
        Assert.Equal(1L, await check.QuerySingleAsync<long>("SELECT count(*) FROM library_access"));
        Assert.Equal(1L, await check.QuerySingleAsync<long>("SELECT count(*) FROM notifications WHERE type = 'welcome'"));
        Assert.NotNull(await check.QuerySingleAsync<DateTime?>("SELECT last_sign_in_at FROM users"));
    }

    [Fact]
    public async Task A_new_subject_for_a_known_email_keeps_the_existing_account()
    {
        await using var db = await NewDatabase();
        var svc = new ProvisioningService(db, TimeProvider.System);
        var before = await svc.EnsureProvisionedAsync(new NewIdentity("old-sub", "kim@example.com", "Kim", EmailVerified: true), true);

        var after = await svc.EnsureProvisionedAsync(new NewIdentity("new-sub", "kim@example.com", "Kim", EmailVerified: true), true);

        Assert.Equal(before.UserId, after.UserId);
        Assert.Equal(before.OrgId, after.OrgId);
    }

    [Fact]
    public async Task A_new_subject_with_an_unverified_email_is_refused_and_the_account_keeps_its_subject()
    {
        await using var db = await NewDatabase();
        var svc = new ProvisioningService(db, TimeProvider.System);
        var before = await svc.EnsureProvisionedAsync(new NewIdentity("old-sub", "kim@example.com", "Kim", EmailVerified: true), true);

        var refused = await Assert.ThrowsAsync<UnverifiedEmailLinkException>(() =>
            svc.EnsureProvisionedAsync(new NewIdentity("new-sub", "Kim@Example.com", "Mallory", EmailVerified: false), true));

        Assert.DoesNotContain("kim@example.com", refused.Message, StringComparison.OrdinalIgnoreCase);
        await using var conn = await db.OpenConnectionAsync();
        var users = (await conn.QueryAsync<(Guid Id, string Subject, string DisplayName)>("SELECT id, subject, display_name FROM users")).AsList();
        Assert.Equal([(before.UserId, "old-sub", "Kim")], users);
        Assert.Equal(1L, await conn.QuerySingleAsync<long>("SELECT count(*) FROM orgs"));
    }

    [Fact]
    public async Task An_unverified_email_still_signs_in_to_its_own_account_and_starts_a_new_one()
    {
        await using var db = await NewDatabase();
        var svc = new ProvisioningService(db, TimeProvider.System);

        var first = await svc.EnsureProvisionedAsync(new NewIdentity("sub-u", "una@example.com", "Una", EmailVerified: false), true);
        var again = await svc.EnsureProvisionedAsync(new NewIdentity("sub-u", "una@example.com", "Una", EmailVerified: false), true);

        Assert.True(first.Created);
        Assert.Equal(first with { Created = false }, again);
    }
}
