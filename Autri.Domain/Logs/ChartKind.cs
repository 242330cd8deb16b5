namespace Autri.Domain.Logs;

/// <summary>How the portal draws a saved query's result: the <c>chart</c> key of a saved-query file.</summary>
public enum ChartKind
{
    /// <summary><c>stats … by bin(…)</c>: a line over time.</summary>
    Timeseries,

    /// <summary><c>stats … by field</c>: bars per group.</summary>
    Bar,

    Table,
}
