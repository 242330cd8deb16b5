namespace Autri.Mcp.Tests.Support;

/// <summary>Real time plus whatever a test added: lets a test step past a cache lifetime without sleeping.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

public static class ManualClockExtensions
{
    /// <summary>Moves the clock forward until disposed (tests in a collection run one at a time).</summary>
    public static IDisposable Shift(this ManualClock clock, TimeSpan by)
    {
        clock.Advance(by);
        return new Undo(() => clock.Advance(-by));
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
