namespace Autri.Infra.Logs.Runner;

/// <summary>A run as stored: what any portal instance shows. Result rows are read separately (<see cref="LogRunResults"/>).</summary>
public sealed record LogRun(
    Guid Id,
    string QueryHash,
    string Query,
    IReadOnlyList<string> LogGroups,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? SavedQuery,
    string? BackendQueryId,
    LogRunStatus Status,
    bool WaitingForAws,
    bool CancelRequested,
    LogsQueryStatistics Statistics,
    IReadOnlyList<string> Columns,
    int RowCount,
    string? Error,
    Guid? StartedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>AWS returns at most 10,000 rows; a result of that size was probably cut.</summary>
    public bool HitRowCap => RowCount >= LogsQueryRequest.DefaultLimit;

    /// <summary>Waiting for a slot: the portal's own cap (Queued) or AWS's concurrency quota (LimitExceeded).</summary>
    public bool IsWaitingForSlot => Status == LogRunStatus.Queued || (Status == LogRunStatus.Starting && WaitingForAws);
}

/// <summary>A finished run's rows, each aligned with <see cref="LogRun.Columns"/> (null where the row lacks the field).</summary>
public sealed record LogRunResults(LogRun Run, IReadOnlyList<IReadOnlyList<string?>> Rows);

/// <summary>What <see cref="LogRunner.StartOrReuseAsync"/> did: a new run, or one started within the reuse window.</summary>
public sealed record LogRunStart(LogRun Run, bool Reused);
