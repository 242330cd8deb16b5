namespace Autri.Infra.Tests.Notifications;

public class NotificationFanoutTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_signal_for_one_user_pokes_only_that_users_subscriptions()
    {
        var fanout = new NotificationFanout();
        var ada = Guid.NewGuid();
        using var adaTab1 = fanout.Subscribe(ada);
        using var adaTab2 = fanout.Subscribe(ada);
        using var bob = fanout.Subscribe(Guid.NewGuid());

        fanout.Signal(new SignalTarget(false, new HashSet<Guid> { ada }));

        Assert.True(await adaTab1.WaitAsync(Long, CancellationToken.None));
        Assert.True(await adaTab2.WaitAsync(Long, CancellationToken.None));
        Assert.False(await bob.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Everyone_pokes_every_subscription()
    {
        var fanout = new NotificationFanout();
        using var a = fanout.Subscribe(Guid.NewGuid());
        using var b = fanout.Subscribe(Guid.NewGuid());

        fanout.Signal(SignalTarget.All);

        Assert.True(await a.WaitAsync(Long, CancellationToken.None));
        Assert.True(await b.WaitAsync(Long, CancellationToken.None));
    }

    [Fact]
    public async Task Signals_arriving_while_busy_coalesce_into_one_re_read()
    {
        var fanout = new NotificationFanout();
        var user = Guid.NewGuid();
        using var tab = fanout.Subscribe(user);

        for (var i = 0; i < 5; i++) fanout.Signal(SignalTarget.All);

        Assert.True(await tab.WaitAsync(Long, CancellationToken.None));
        Assert.False(await tab.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_disposed_subscription_is_forgotten()
    {
        var fanout = new NotificationFanout();
        var user = Guid.NewGuid();
        var first = fanout.Subscribe(user);
        var second = fanout.Subscribe(user);
        Assert.Equal(2, fanout.SubscriberCount);
        Assert.Equal(2, fanout.SubscriberCountOf(user));

        first.Dispose();
        second.Dispose();
        second.Dispose();

        Assert.Equal(0, fanout.SubscriberCount);
        Assert.Equal(0, fanout.SubscriberCountOf(user));
        fanout.Signal(SignalTarget.All);
        Assert.False(await first.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Waiting_stops_when_the_caller_cancels()
    {
        var fanout = new NotificationFanout();
        using var tab = fanout.Subscribe(Guid.NewGuid());
        using var cts = new CancellationTokenSource();
        var wait = tab.WaitAsync(Long, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
