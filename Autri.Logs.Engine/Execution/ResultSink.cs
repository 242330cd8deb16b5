namespace Autri.Logs.Engine.Execution;

/// <summary>
/// The end of the pipeline: turns rows into GetQueryResults rows (fields in column order, missing ones left
/// out, then <c>@ptr</c> for queries without stats, as AWS adds it) and stops at the result limit.
/// </summary>
internal sealed class ResultSink(
    IReadOnlyList<string> columns,
    int[] columnSlots,
    int ptrSlot,
    bool includePtr,
    int limit,
    Action<Value[]> beforeKeep) : Stage
{
    private readonly List<IReadOnlyList<ResultField>> _rows = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<IReadOnlyList<ResultField>> Rows => _rows;

    /// <summary>The rows so far, safe to call from another thread while the query runs.</summary>
    public IReadOnlyList<IReadOnlyList<ResultField>> Copy()
    {
        lock (_lock) return _rows.ToList();
    }

    public override void Push(Value[] row)
    {
        if (_rows.Count >= limit) return;
        if (includePtr) beforeKeep(row);
        var fields = new List<ResultField>(columns.Count + 1);
        for (var i = 0; i < columns.Count; i++)
        {
            if (row[columnSlots[i]].Display() is { } text) fields.Add(new ResultField(columns[i], text));
        }
        if (includePtr && row[ptrSlot].Display() is { } ptr) fields.Add(new ResultField(FieldSlots.PtrField, ptr));
        lock (_lock) _rows.Add(fields);
    }

    public override void Finish()
    {
    }
}
