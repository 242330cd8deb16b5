namespace Autri.Testing;

/// <summary>
/// Polls a condition until it holds or a deadline passes: for what must happen "within N seconds" (a change reaching
/// another instance). The deadline is the promise under test, not a measurement: nothing asserts how fast it was.
/// </summary>
public static class Eventually
{
    public static async Task WithinAsync(TimeSpan deadline, string what, Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Not within {deadline.TotalSeconds:0.#} s: {what}");
            await Task.Delay(50);
        }
    }
}
