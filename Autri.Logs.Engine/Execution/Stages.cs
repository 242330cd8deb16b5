namespace Autri.Logs.Engine.Execution;

/// <summary>
/// One step of the pipeline. Log events stream through in one reused row array; a stage that keeps a row
/// (sort, the result sink) copies it. Barrier stages (stats, sort) hold back rows until <see cref="Finish"/>.
/// </summary>
internal abstract class Stage
{
    public Stage Next { get; set; } = null!;

    public abstract void Push(Value[] row);

    public virtual void Finish() => Next.Finish();
}

internal sealed class FilterStage(Evaluator condition) : Stage
{
    public bool Passes(Value[] row) => condition(row).IsTruthy;

    public override void Push(Value[] row)
    {
        if (condition(row).IsTruthy) Next.Push(row);
    }
}

/// <summary>fields: every expression is evaluated before any is stored, so aliases can swap names.</summary>
internal sealed class AssignStage((int Slot, Evaluator Value)[] assignments) : Stage
{
    private readonly Value[] _scratch = new Value[assignments.Length];

    public override void Push(Value[] row)
    {
        for (var i = 0; i < assignments.Length; i++) _scratch[i] = assignments[i].Value(row);
        for (var i = 0; i < assignments.Length; i++) row[assignments[i].Slot] = _scratch[i];
        Next.Push(row);
    }
}

/// <summary>parse: a non-matching event passes on without the extracted fields, as AWS documents.</summary>
internal sealed class ParseStage(Evaluator source, Regex regex, (string Group, int Slot)[] captures) : Stage
{
    public override void Push(Value[] row)
    {
        var text = source(row).Display();
        var match = text is null ? null : regex.Match(text);
        foreach (var (group, slot) in captures)
            row[slot] = match is { Success: true } && match.Groups[group].Success ? Value.Of(match.Groups[group].Value) : Value.Missing;
        Next.Push(row);
    }
}

internal sealed class LimitStage(int limit) : Stage
{
    private int _passed;

    public override void Push(Value[] row)
    {
        if (_passed >= limit) return;
        _passed++;
        Next.Push(row);
    }
}

/// <summary>
/// dedup: keeps the first row for each combination of the fields' values. It remembers at most
/// <see cref="GroupCap.Max"/> combinations; rows with a further one are left out and counted.
/// </summary>
internal sealed class DedupStage(int[] slots, GroupCap cap, EngineDiagnostics diagnostics) : Stage
{
    private readonly HashSet<ValueKey> _seen = [];
    private readonly Value[] _scratch = new Value[slots.Length];

    public override void Push(Value[] row)
    {
        for (var i = 0; i < slots.Length; i++) _scratch[i] = row[slots[i]];
        if (_seen.Contains(new ValueKey(_scratch)) || !cap.Admits(_seen.Count)) return;
        _seen.Add(new ValueKey((Value[])_scratch.Clone()));
        diagnostics.GroupsHeld = Math.Max(diagnostics.GroupsHeld, _seen.Count);
        Next.Push(row);
    }
}

/// <summary>Counts the events that got through every per-event stage: GetQueryResults' recordsMatched.</summary>
internal sealed class MatchCounterStage : Stage
{
    public long Matched { get; private set; }

    public override void Push(Value[] row)
    {
        Matched++;
        Next.Push(row);
    }
}

/// <summary>An array of values compared element by element: a stats group or a dedup key.</summary>
internal readonly struct ValueKey(Value[] values) : IEquatable<ValueKey>
{
    public Value[] Values { get; } = values;

    public bool Equals(ValueKey other) => Values.AsSpan().SequenceEqual(other.Values);

    public override bool Equals(object? obj) => obj is ValueKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values) hash.Add(value);
        return hash.ToHashCode();
    }
}
