namespace Autri.Infra.Hosting;

public static class Periodic
{
    /// <summary>
    /// Runs <paramref name="work"/> now and at every tick of <paramref name="period"/> until <paramref name="ct"/> is
    /// cancelled. A failure goes to <paramref name="failed"/> and the next tick tries again, so a database that is down
    /// or not migrated yet only delays the work; cancellation ends the loop quietly.
    /// </summary>
    public static async Task RunAsync(TimeSpan period, TimeProvider clock, Func<CancellationToken, Task> work, Action<Exception> failed, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period, clock);
        do
        {
            try
            {
                await work(ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                failed(ex);
            }
        }
        while (await NextTickAsync(timer, ct));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
