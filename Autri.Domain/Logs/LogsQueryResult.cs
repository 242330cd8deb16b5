namespace Autri.Domain.Logs;

/// <summary>One cell of a result row, as GetQueryResults returns it: every value is a string.</summary>
public sealed record ResultField(string Field, string Value);

/// <summary>
/// GetQueryResults' statistics (AWS types them as doubles). <see cref="MalformedRecords"/> and <see cref="Limits"/>
/// are local only: lines of the local log files that were not JSON and were skipped, and where the local engine's
/// memory caps cut the run short (null when none did).
/// </summary>
public sealed record LogsQueryStatistics(
    double RecordsMatched, double RecordsScanned, double BytesScanned, double MalformedRecords = 0, LogsQueryLimitsHit? Limits = null)
{
    public static readonly LogsQueryStatistics Empty = new(0, 0, 0);
}

/// <summary>
/// The local engine's caps a run reached. <see cref="GroupLimit"/>: a stats or dedup command held that many groups
/// and left out <see cref="EventsLeftOut"/> events of further ones (0 when not reached). <see cref="LineLimitBytes"/>:
/// the longest line read; <see cref="LinesTooLong"/> longer lines were skipped unread.
/// </summary>
public sealed record LogsQueryLimitsHit(int GroupLimit, double EventsLeftOut, int LineLimitBytes, double LinesTooLong)
{
    public bool GroupLimitReached => GroupLimit > 0;
}

/// <summary>
/// Rows in GetQueryResults' shape: a row lists only the fields it has (a missing field is absent, not null).
/// <see cref="Columns"/> are the result's column names in query order, for drawing a table.
/// </summary>
public sealed record LogsQueryResult(
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<ResultField>> Rows,
    LogsQueryStatistics Statistics)
{
    public static readonly LogsQueryResult Empty = new([], [], LogsQueryStatistics.Empty);
}

/// <summary>One poll of GetQueryResults: status, results (partial until final) and, for Failed, why.</summary>
public sealed record LogsQueryResults(LogsQueryStatus Status, LogsQueryResult Result, string? FailureMessage = null);
