namespace Autri.Infra.Tests.Notifications;

public class NotificationStoreTests
{
    private static async Task<long> AddNotificationAsync(NotificationDb world, Guid user, string title)
    {
        await using var conn = await world.Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(
            "INSERT INTO notifications (user_id, type, title) VALUES (@user, 'test', @title) RETURNING id", new { user, title });
    }

    [Fact]
    public async Task Marking_read_signals_the_users_other_tabs_once()
    {
        await using var world = await NotificationDb.NewAsync();
        var ada = await world.AddUserAsync("ada@example.test");
        var first = await AddNotificationAsync(world, ada, "one");
        await AddNotificationAsync(world, ada, "two");
        await using var probe = await ChannelProbe.ListenAsync(world.ConnectionString);
        var store = new NotificationStore(world.Db);

        Assert.True(await store.MarkReadAsync(ada, first));
        Assert.True(await store.MarkReadAsync(ada, first)); // already read: still found, nothing changes, no signal
        Assert.Equal(1, await store.MarkAllReadAsync(ada));
        Assert.Equal(0, await store.MarkAllReadAsync(ada));
        await using (var conn = await world.Db.OpenConnectionAsync())
            await conn.ExecuteAsync("SELECT pg_notify('autri_notifications', 'fence')");

        Assert.Equal(ada.ToString(), await probe.NextAsync());
        Assert.Equal(ada.ToString(), await probe.NextAsync());
        Assert.Equal("fence", await probe.NextAsync());
        Assert.Equal(0, await store.UnreadCountAsync(ada));
    }

    [Fact]
    public async Task Another_users_notification_cannot_be_marked_read()
    {
        await using var world = await NotificationDb.NewAsync();
        var ada = await world.AddUserAsync("ada@example.test");
        var bob = await world.AddUserAsync("bob@example.test");
        var adas = await AddNotificationAsync(world, ada, "private");
        var store = new NotificationStore(world.Db);

        Assert.False(await store.MarkReadAsync(bob, adas));
        Assert.False(await store.MarkReadAsync(bob, adas + 1000));
        Assert.Equal(0, await store.MarkAllReadAsync(bob));
        Assert.Equal(1, await store.UnreadCountAsync(ada));
    }
}
