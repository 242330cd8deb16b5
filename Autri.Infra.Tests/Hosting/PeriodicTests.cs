using Autri.Infra.Hosting;

namespace Autri.Infra.Tests.Hosting;

public class PeriodicTests
{
    [Fact]
    public async Task A_failure_is_reported_and_the_next_tick_tries_again_until_cancelled_which_ends_quietly()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var runs = 0;
        var failures = new List<Exception>();

        await Periodic.RunAsync(TimeSpan.FromMilliseconds(10), TimeProvider.System, _ =>
        {
            if (++runs == 1) throw new InvalidOperationException("database not migrated yet");
            if (runs == 3) stop.Cancel();
            return Task.CompletedTask;
        }, failures.Add, stop.Token);

        Assert.Equal(3, runs);
        Assert.Equal("database not migrated yet", Assert.Single(failures).Message);
    }
}
