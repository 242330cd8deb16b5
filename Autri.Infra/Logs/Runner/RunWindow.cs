namespace Autri.Infra.Logs.Runner;

/// <summary>
/// Time windows rounded to whole minutes, so that the same link opened twice within a minute asks the same
/// question (and can reuse the same run). The end is rounded up so the newest events are included.
/// </summary>
public static class RunWindow
{
    private static readonly long Minute = TimeSpan.TicksPerMinute;

    /// <summary>"The last <paramref name="length"/>" at <paramref name="now"/>: ends at the next whole minute.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Relative(TimeSpan length, DateTimeOffset now)
    {
        var end = Ceiling(now);
        return (end - Floor(length), end);
    }

    /// <summary>A fixed window widened to whole minutes.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Absolute(DateTimeOffset start, DateTimeOffset end) =>
        (Floor(start), Ceiling(end));

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % Minute, TimeSpan.Zero);

    private static TimeSpan Floor(TimeSpan t) => TimeSpan.FromTicks(Math.Max(Minute, t.Ticks - t.Ticks % Minute));

    private static DateTimeOffset Ceiling(DateTimeOffset t) =>
        t.UtcTicks % Minute == 0 ? t.ToUniversalTime() : new(t.UtcTicks - t.UtcTicks % Minute + Minute, TimeSpan.Zero);
}
