namespace Autri.Infra.Tests.Notifications;

public class NotificationListenerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private static async Task NotifyAsync(NotificationDb world, string payload)
    {
        await using var conn = await world.Db.OpenConnectionAsync();
        await conn.ExecuteAsync("SELECT pg_notify('autri_notifications', @payload)", new { payload });
    }

    private static async Task<int> ConnectedAsync(NotificationListener listener, int connects)
    {
        using var timeout = new CancellationTokenSource(Generous);
        while (listener.Connects < connects || listener.BackendProcessId is null) await Task.Delay(20, timeout.Token);
        return listener.BackendProcessId.Value;
    }

    [Fact]
    public async Task A_signal_from_another_connection_reaches_the_users_subscription()
    {
        await using var world = await NotificationDb.NewAsync();
        var fanout = new NotificationFanout();
        using var listener = new NotificationListener(world.ConnectionString, fanout, NullLogger<NotificationListener>.Instance);
        var ada = Guid.NewGuid();
        using var tab = fanout.Subscribe(ada);
        await listener.StartAsync(CancellationToken.None);
        await ConnectedAsync(listener, 1);
        await tab.WaitAsync(Generous, CancellationToken.None); // the poke every (re)connect sends

        await NotifyAsync(world, ada.ToString());

        Assert.True(await tab.WaitAsync(Generous, CancellationToken.None));
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_terminated_listen_connection_reconnects_and_later_signals_still_arrive()
    {
        await using var world = await NotificationDb.NewAsync();
        var fanout = new NotificationFanout();
        using var listener = new NotificationListener(world.ConnectionString, fanout, NullLogger<NotificationListener>.Instance);
        var ada = Guid.NewGuid();
        using var tab = fanout.Subscribe(ada);
        await listener.StartAsync(CancellationToken.None);
        var firstPid = await ConnectedAsync(listener, 1);
        await tab.WaitAsync(Generous, CancellationToken.None);

        Assert.True(await world.ScalarAsync<bool>("SELECT pg_terminate_backend(@firstPid)", new { firstPid }));
        var secondPid = await ConnectedAsync(listener, 2);
        // Reconnecting pokes everyone, since signals sent while away were lost.
        Assert.True(await tab.WaitAsync(Generous, CancellationToken.None));
        await NotifyAsync(world, ada.ToString());

        Assert.NotEqual(firstPid, secondPid);
        Assert.True(await tab.WaitAsync(Generous, CancellationToken.None));
        Assert.Equal(1, await world.ScalarAsync<int>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'autri-notification-listener' AND datname = current_database()"));
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_the_listener_closes_its_connection()
    {
        await using var world = await NotificationDb.NewAsync();
        using var listener = new NotificationListener(world.ConnectionString, new NotificationFanout(), NullLogger<NotificationListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        var pid = await ConnectedAsync(listener, 1);

        await listener.StopAsync(CancellationToken.None);

        Assert.Null(listener.BackendProcessId);
        using var timeout = new CancellationTokenSource(Generous);
        while (await world.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = @pid)", new { pid }))
            await Task.Delay(20, timeout.Token);
    }
}
