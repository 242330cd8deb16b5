namespace Autri.Logs.Engine.Execution;

/// <summary>
/// stats: one set of aggregators per group. Only the groups are held in memory, at most <see cref="GroupCap.Max"/>
/// of them (events of further groups are left out and counted); on finish each group becomes one row whose columns
/// are the by-expressions, then the aggregations, as GetQueryResults returns them.
/// </summary>
internal sealed class StatsStage(
    Evaluator[] groupBy,
    int[] groupSlots,
    AggregateFactory[] aggregates,
    (int Slot, Evaluator Value)[] outputs,
    FieldSlots slots,
    GroupCap cap,
    EngineDiagnostics diagnostics) : Stage
{
    private readonly Dictionary<ValueKey, Aggregator[]> _groups = [];
    private readonly Value[] _scratch = new Value[groupBy.Length];

    public override void Push(Value[] row)
    {
        for (var i = 0; i < groupBy.Length; i++) _scratch[i] = groupBy[i](row);
        if (!_groups.TryGetValue(new ValueKey(_scratch), out var state))
        {
            if (!cap.Admits(_groups.Count)) return;
            state = aggregates.Select(a => a.Create()).ToArray();
            _groups.Add(new ValueKey((Value[])_scratch.Clone()), state);
            diagnostics.GroupsHeld = Math.Max(diagnostics.GroupsHeld, _groups.Count);
        }
        foreach (var aggregator in state) aggregator.Add(row);
    }

    public override void Finish()
    {
        var results = new Value[aggregates.Length];
        foreach (var (key, state) in _groups)
        {
            // As wide as every slot of the query: commands after this one may name fields it does not produce.
            var row = new Value[slots.Count];
            for (var i = 0; i < groupSlots.Length; i++) row[groupSlots[i]] = key.Values[i];
            for (var i = 0; i < state.Length; i++) results[i] = state[i].Result();
            foreach (var (slot, value) in outputs) row[slot] = value(results);
            Next.Push(row);
        }
        _groups.Clear();
        Next.Finish();
    }
}
