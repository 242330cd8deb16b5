namespace Autri.Logs.Engine.Execution;

/// <summary>
/// sort: keeps only the best <c>capacity</c> rows seen so far in a bounded heap (the result limit, or a limit
/// that follows), so sorting a large log costs memory for the rows returned, not the rows read. Ties keep
/// arrival order.
/// </summary>
internal sealed class SortStage : Stage
{
    private readonly Evaluator[] _keys;
    private readonly bool[] _descending;
    private readonly int _capacity;
    private readonly Action<Value[]> _beforeKeep;
    private readonly EngineDiagnostics _diagnostics;
    private readonly PriorityQueue<Entry, Entry> _heap;
    private readonly Value[] _scratch;
    private long _sequence;

    public SortStage(Evaluator[] keys, bool[] descending, int capacity, Action<Value[]> beforeKeep, EngineDiagnostics diagnostics)
    {
        _keys = keys;
        _descending = descending;
        _capacity = capacity;
        _beforeKeep = beforeKeep;
        _diagnostics = diagnostics;
        _scratch = new Value[keys.Length];
        // The heap's top is the worst row kept, ready to be evicted by a better one.
        _heap = new PriorityQueue<Entry, Entry>(Comparer<Entry>.Create((a, b) => Order(b, a)));
    }

    private sealed record Entry(Value[] Keys, long Sequence, Value[] Row);

    public override void Push(Value[] row)
    {
        for (var i = 0; i < _keys.Length; i++) _scratch[i] = _keys[i](row);
        var sequence = _sequence++;
        if (_heap.Count >= _capacity)
        {
            var worst = _heap.Peek();
            if (CompareKeys(_scratch, worst.Keys) >= 0) return;
            _heap.Dequeue();
        }
        _beforeKeep(row);
        var entry = new Entry((Value[])_scratch.Clone(), sequence, (Value[])row.Clone());
        _heap.Enqueue(entry, entry);
        _diagnostics.SortRowsHeld = Math.Max(_diagnostics.SortRowsHeld, _heap.Count);
    }

    public override void Finish()
    {
        var entries = new List<Entry>(_heap.Count);
        while (_heap.Count > 0) entries.Add(_heap.Dequeue());
        entries.Sort(Order);
        foreach (var entry in entries) Next.Push(entry.Row);
        Next.Finish();
    }

    private int Order(Entry a, Entry b)
    {
        var order = CompareKeys(a.Keys, b.Keys);
        return order != 0 ? order : a.Sequence.CompareTo(b.Sequence);
    }

    private int CompareKeys(Value[] a, Value[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var order = ValueComparison.SortOrder(a[i], b[i]);
            if (order != 0) return _descending[i] ? -order : order;
        }
        return 0;
    }
}
