using Autri.Domain.Logs;

namespace Autri.Infra.Logs.Engine;

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

/// <summary>
/// What the engine held at its peak (for tests of bounded memory) and, once the plan is built, a view of the
/// rows produced so far (for GetQueryResults while a query runs).
/// </summary>
internal sealed class EngineDiagnostics
{
    private volatile ResultSink? _sink;
    private volatile IReadOnlyList<string>? _columns;

    public void Watch(ResultSink sink, IReadOnlyList<string> columns)
    {
        _columns = columns;
        _sink = sink;
    }

    /// <summary>Columns and rows so far; rows come only from queries whose rows are not held back by stats or sort.</summary>
    public (IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<ResultField>> Rows) Partial() =>
        _sink is { } sink ? (_columns!, sink.Copy()) : ([], []);

    public int SortRowsHeld { get; set; }

    public int GroupsHeld { get; set; }
}
