namespace Autri.Infra.Logs.Runner;

/// <summary>
/// The wait before retrying StartQuery after LimitExceededException (the account runs as many queries as its
/// quota allows): exponential from <c>baseDelay</c>, capped, with "equal jitter" (half fixed, half random) so that
/// instances waiting together spread out and no wait collapses to zero.
/// </summary>
public static class StartBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponential = baseDelay.Ticks * Math.Pow(2, Math.Clamp(attempt, 0, 30));
        var capped = Math.Min(exponential, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped / 2 + random.NextDouble() * capped / 2));
    }
}
