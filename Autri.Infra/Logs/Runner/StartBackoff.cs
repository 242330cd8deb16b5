using Autri.Infra.Hosting;

namespace Autri.Infra.Logs.Runner;

/// <summary>
/// The wait before retrying StartQuery after LimitExceededException (the account runs as many queries as its
/// quota allows): <see cref="RetryBackoff"/>'s exponential wait with equal jitter.
/// </summary>
public static class StartBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random) =>
        RetryBackoff.Delay(attempt, baseDelay, maxDelay, random);
}
