namespace Autri.Logs.Engine.Execution;

/// <summary>
/// The most groups one stats or dedup command may hold (<see cref="LocalEngineLimits.MaxGroups"/>), shared by the
/// commands of a run so the result can say that, and how much, was left out.
/// </summary>
internal sealed class GroupCap(int max)
{
    public int Max { get; } = max;

    public bool Reached { get; private set; }

    /// <summary>Events that belonged to a group the cap kept out.</summary>
    public long EventsLeftOut { get; private set; }

    /// <summary>True when a command holding <paramref name="held"/> groups may add one more; counts the event otherwise.</summary>
    public bool Admits(int held)
    {
        if (held < Max) return true;
        Reached = true;
        EventsLeftOut++;
        return false;
    }
}
