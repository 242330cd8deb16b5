namespace Autri.Logs.Engine;

/// <summary>
/// What the engine held at its peak (for tests of bounded memory) and, once the plan is built, a view of the
/// rows produced so far (for GetQueryResults while a query runs).
/// </summary>
public sealed class EngineDiagnostics
{
    private volatile ResultSink? _sink;
    private volatile IReadOnlyList<string>? _columns;

    internal void Watch(ResultSink sink, IReadOnlyList<string> columns)
    {
        _columns = columns;
        _sink = sink;
    }

    /// <summary>Columns and rows so far; rows come only from queries whose rows are not held back by stats or sort.</summary>
    public (IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<ResultField>> Rows) Partial() =>
        _sink is { } sink ? (_columns!, sink.Copy()) : ([], []);

    public int SortRowsHeld { get; internal set; }

    /// <summary>The most groups one stats command or distinct values one dedup command held.</summary>
    public int GroupsHeld { get; internal set; }
}
