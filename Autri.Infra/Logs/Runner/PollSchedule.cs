namespace Autri.Infra.Logs.Runner;

/// <summary>
/// Intervals between GetQueryResults polls: short at first (most queries over a few hours of logs finish within
/// a second), growing by half each poll up to a ceiling, so a long query costs about one call a second.
/// </summary>
public sealed class PollSchedule(TimeSpan first, TimeSpan max)
{
    private TimeSpan _next = first <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : first;

    public TimeSpan Next()
    {
        var current = _next < max ? _next : max;
        _next = TimeSpan.FromTicks((long)(current.Ticks * 1.5));
        return current;
    }
}
