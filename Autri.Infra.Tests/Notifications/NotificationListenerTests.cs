namespace Autri.Infra.Tests.Notifications;

/// <summary>
/// Each test starts from a listener on a database of its own, connected once, with Ada's tab subscribed before the
/// start and past the poke every (re)connect sends.
/// </summary>
public sealed class NotificationListenerTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private readonly NotificationFanout _fanout = new();
    private readonly Guid _ada = Guid.NewGuid();
    private NotificationDb _world = default!;
    private NotificationListener _listener = default!;
    private NotificationFanout.Subscription _tab = default!;
    private int _firstPid;

    public async Task InitializeAsync()
    {
        _world = await NotificationDb.NewAsync();
        _listener = new NotificationListener(_world.ConnectionString, _fanout, NullLogger<NotificationListener>.Instance);
        _tab = _fanout.Subscribe(_ada);
        await _listener.StartAsync(CancellationToken.None);
        _firstPid = await ConnectedAsync(1);
        await _tab.WaitAsync(Generous, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _tab.Dispose();
        _listener.Dispose();
        await _world.DisposeAsync();
    }

    private async Task NotifyAsync(string payload)
    {
        await using var conn = await _world.Db.OpenConnectionAsync();
        await conn.ExecuteAsync("SELECT pg_notify('autri_notifications', @payload)", new { payload });
    }

    private async Task<int> ConnectedAsync(int connects)
    {
        using var timeout = new CancellationTokenSource(Generous);
        while (_listener.Connects < connects || _listener.BackendProcessId is null) await Task.Delay(20, timeout.Token);
        return _listener.BackendProcessId.Value;
    }

    [Fact]
    public async Task A_signal_from_another_connection_reaches_the_users_subscription()
    {
        await NotifyAsync(_ada.ToString());

        Assert.True(await _tab.WaitAsync(Generous, CancellationToken.None));
        await _listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_terminated_listen_connection_reconnects_and_later_signals_still_arrive()
    {
        Assert.True(await _world.ScalarAsync<bool>("SELECT pg_terminate_backend(@firstPid)", new { firstPid = _firstPid }));
        var secondPid = await ConnectedAsync(2);
        // Reconnecting pokes everyone, since signals sent while away were lost.
        Assert.True(await _tab.WaitAsync(Generous, CancellationToken.None));
        await NotifyAsync(_ada.ToString());

        Assert.NotEqual(_firstPid, secondPid);
        Assert.True(await _tab.WaitAsync(Generous, CancellationToken.None));
        Assert.Equal(1, await _world.ScalarAsync<int>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'autri-notification-listener' AND datname = current_database()"));
        await _listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_the_listener_closes_its_connection()
    {
        await _listener.StopAsync(CancellationToken.None);

        Assert.Null(_listener.BackendProcessId);
        using var timeout = new CancellationTokenSource(Generous);
        while (await _world.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = @pid)", new { pid = _firstPid }))
            await Task.Delay(20, timeout.Token);
    }
}
