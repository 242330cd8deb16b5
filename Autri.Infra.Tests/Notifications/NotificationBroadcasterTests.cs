using Autri.Domain.Notifications;

namespace Autri.Infra.Tests.Notifications;

public class NotificationBroadcasterTests
{
    private static readonly string[] Hosts = ["portal.autri.test"];

    private static Broadcast Valid(BroadcastAudience audience, string title, string? email = null, string? link = null) =>
        Broadcast.Validate(new BroadcastDraft(audience, email, title, "Body text", link), Hosts).Broadcast
        ?? throw new InvalidOperationException("test broadcast should be valid");

    [Fact]
    public async Task A_broadcast_to_everyone_is_one_insert_statement_for_all_users()
    {
        await using var world = await NotificationDb.NewAsync();
        await world.AddUsersAsync(300);
        // A statement-level trigger counts INSERT statements on notifications, whatever the code does.
        await using (var conn = await world.Db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                CREATE TABLE insert_statements (n int NOT NULL);
                INSERT INTO insert_statements VALUES (0);
                CREATE FUNCTION count_insert_statement() RETURNS trigger LANGUAGE plpgsql AS
                  $$ BEGIN UPDATE insert_statements SET n = n + 1; RETURN NULL; END $$;
                CREATE TRIGGER count_inserts AFTER INSERT ON notifications FOR EACH STATEMENT EXECUTE FUNCTION count_insert_statement();
                """);
        }
        var broadcaster = new NotificationBroadcaster(world.Db);

        var outcome = await broadcaster.SendAsync("admin@autri.test", Valid(BroadcastAudience.Everyone, "Maintenance tonight", link: "/help/x"));

        Assert.Equal(300, outcome.Recipients);
        Assert.Equal(1, await world.ScalarAsync<int>("SELECT n FROM insert_statements"));
        Assert.Equal(300, await world.ScalarAsync<int>(
            "SELECT count(DISTINCT user_id) FROM notifications WHERE type = 'broadcast' AND title = 'Maintenance tonight' AND link = '/help/x' AND read_at IS NULL"));
    }

    [Fact]
    public async Task A_broadcast_to_one_email_reaches_only_that_user()
    {
        await using var world = await NotificationDb.NewAsync();
        var ada = await world.AddUserAsync("ada@example.test");
        await world.AddUserAsync("bob@example.test");
        var broadcaster = new NotificationBroadcaster(world.Db);

        var outcome = await broadcaster.SendAsync("admin@autri.test", Valid(BroadcastAudience.OneUser, "Just for you", email: "ADA@example.test"));

        Assert.Equal(1, outcome.Recipients);
        Assert.False(outcome.UnknownEmail);
        Assert.Equal(ada, await world.ScalarAsync<Guid>("SELECT user_id FROM notifications WHERE title = 'Just for you'"));
        Assert.Equal(1, await world.ScalarAsync<int>("SELECT count(*) FROM notifications"));
    }

    [Fact]
    public async Task An_unknown_email_writes_nothing_at_all()
    {
        await using var world = await NotificationDb.NewAsync();
        await world.AddUserAsync("ada@example.test");
        var broadcaster = new NotificationBroadcaster(world.Db);

        var outcome = await broadcaster.SendAsync("admin@autri.test", Valid(BroadcastAudience.OneUser, "Hello?", email: "nobody@example.test"));

        Assert.True(outcome.UnknownEmail);
        Assert.Equal(0, await world.ScalarAsync<int>("SELECT count(*) FROM notifications"));
        Assert.Equal(0, await world.ScalarAsync<int>("SELECT count(*) FROM audit_events"));
    }

    [Fact]
    public async Task Each_broadcast_leaves_an_audit_event_with_actor_audience_title_and_count()
    {
        await using var world = await NotificationDb.NewAsync();
        await world.AddUsersAsync(3);
        await world.AddUserAsync("ada@example.test");
        var broadcaster = new NotificationBroadcaster(world.Db);

        var all = await broadcaster.SendAsync("admin@autri.test", Valid(BroadcastAudience.Everyone, "To all"));
        var one = await broadcaster.SendAsync("ops@autri.test", Valid(BroadcastAudience.OneUser, "To Ada", email: "ada@example.test"));

        await using var conn = await world.Db.OpenConnectionAsync();
        var rows = (await conn.QueryAsync<(long Id, string Actor, string Action, string Target, string Details)>(
            "SELECT id, actor, action, target, details::text FROM audit_events ORDER BY id")).AsList();
        Assert.Equal([all.AuditId!.Value, one.AuditId!.Value], rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal("notification.broadcast", r.Action));
        Assert.Equal(("admin@autri.test", "everyone"), (rows[0].Actor, rows[0].Target));
        Assert.Equal(("ops@autri.test", "ada@example.test"), (rows[1].Actor, rows[1].Target));
        using var details = JsonDocument.Parse(rows[0].Details);
        Assert.Equal("everyone", details.RootElement.GetProperty("audience").GetString());
        Assert.Equal("To all", details.RootElement.GetProperty("title").GetString());
        Assert.Equal(4, details.RootElement.GetProperty("count").GetInt32());
        var recent = await broadcaster.RecentAsync();
        Assert.Equal(["To Ada", "To all"], recent.Select(r => r.Title));
        Assert.Equal(1, (await broadcaster.FindAsync(one.AuditId.Value))!.Recipients);
    }

    [Fact]
    public async Task The_signal_names_the_user_or_everyone()
    {
        await using var world = await NotificationDb.NewAsync();
        var ada = await world.AddUserAsync("ada@example.test");
        await using var probe = await ChannelProbe.ListenAsync(world.ConnectionString);
        var broadcaster = new NotificationBroadcaster(world.Db);

        await broadcaster.SendAsync("admin@autri.test", Valid(BroadcastAudience.OneUser, "One", email: "ada@example.test"));
        await broadcaster.SendAsync("admin@autri.test", Valid(BroadcastAudience.Everyone, "All"));

        Assert.Equal(ada.ToString(), await probe.NextAsync());
        Assert.Equal("*", await probe.NextAsync());
    }

    [Fact]
    public async Task A_broadcast_that_fails_signals_nobody_and_leaves_no_notifications()
    {
        await using var world = await NotificationDb.NewAsync();
        await world.AddUserAsync("ada@example.test");
        await using (var conn = await world.Db.OpenConnectionAsync())
        {
            // The audit insert comes after the notifications insert: failing it must undo everything.
            await conn.ExecuteAsync("""
                CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit is down'; END $$;
                CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit();
                """);
        }
        await using var probe = await ChannelProbe.ListenAsync(world.ConnectionString);
        var broadcaster = new NotificationBroadcaster(world.Db);

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            broadcaster.SendAsync("admin@autri.test", Valid(BroadcastAudience.Everyone, "Doomed")));
        // Signals arrive in commit order: if the failed broadcast had signalled, it would come before this fence.
        await using (var conn = await world.Db.OpenConnectionAsync())
            await conn.ExecuteAsync("SELECT pg_notify('autri_notifications', 'fence')");

        Assert.Equal("fence", await probe.NextAsync());
        Assert.Equal(0, await world.ScalarAsync<int>("SELECT count(*) FROM notifications"));
    }
}
