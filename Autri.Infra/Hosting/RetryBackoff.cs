namespace Autri.Infra.Hosting;

/// <summary>
/// How long to wait before the next try of something that failed: exponential from <c>baseDelay</c>, capped at
/// <c>maxDelay</c>, with "equal jitter" (half fixed, half random), so that callers failing together spread out and no
/// wait collapses to zero. Used by the Logs runner (StartQuery throttling) and the coordination agent (an unreachable
/// coordination service).
/// </summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponential = baseDelay.Ticks * Math.Pow(2, Math.Clamp(attempt, 0, 30));
        var capped = Math.Min(exponential, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped / 2 + random.NextDouble() * capped / 2));
    }
}
