namespace Autri.Testing;

/// <summary>
/// A clock a test moves by hand. It follows real time, so rows written with now(), tokens signed by a real issuer and
/// the AWS fake's SigV4 checks agree with it, plus an offset the test controls: <see cref="Advance"/> steps past a
/// cache lifetime without sleeping, <see cref="Shift"/> does so until disposed, and a start instant puts "now" on a
/// chosen day. Only "now" moves: timers and delays (retry backoff, timeouts) still run in real time.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly DateTimeOffset? _stoppedAt;
    private long _offsetTicks;

    public ManualClock()
    {
    }

    /// <summary>Now is <paramref name="start"/>, then moves on in real time.</summary>
    public ManualClock(DateTimeOffset start) => _offsetTicks = (start - System.GetUtcNow()).Ticks;

    private ManualClock(DateTimeOffset stoppedAt, bool _) => _stoppedAt = stoppedAt;

    /// <summary>A clock that does not follow real time: only <see cref="Advance"/> moves it, so tests can compare instants exactly.</summary>
    public static ManualClock Stopped() => new(System.GetUtcNow(), true);

    /// <summary>A day of next month at an hour (UTC): always in the future, and the same day of the month on every run.</summary>
    public static ManualClock NextMonth(int day, int hour)
    {
        var now = System.GetUtcNow();
        var first = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        return new ManualClock(first.AddDays(day - 1).AddHours(hour));
    }

    public override DateTimeOffset GetUtcNow() => (_stoppedAt ?? System.GetUtcNow()) + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves the clock forward until disposed (tests sharing a clock run one at a time in their collection).</summary>
    public IDisposable Shift(TimeSpan by)
    {
        Advance(by);
        return new Undo(() => Advance(-by));
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
