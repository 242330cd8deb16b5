namespace Autri.Domain.Logs;

/// <summary>
/// CloudWatch Logs Insights with AWS's asynchronous semantics: start a query, poll its results until the
/// status is final, stop it if nobody waits any more. Adapters: CloudWatch Logs (StartQuery, GetQueryResults,
/// StopQuery) and the local engine over JSON-lines files. Failures use AWS's error codes
/// (<see cref="LogsQueryException"/>).
/// </summary>
public interface ILogsInsights
{
    /// <summary>Schedules the query and returns its id.</summary>
    /// <exception cref="LogsQueryException">MalformedQueryException, InvalidParameterException, LimitExceededException, …</exception>
    Task<string> StartQueryAsync(LogsQueryRequest request, CancellationToken ct = default);

    /// <summary>Status, results so far and statistics. Results are partial while the status is Scheduled or Running.</summary>
    /// <exception cref="LogsQueryException">ResourceNotFoundException for an unknown or expired id.</exception>
    Task<LogsQueryResults> GetQueryResultsAsync(string queryId, CancellationToken ct = default);

    /// <summary>Stops a running query; false when it had already finished (AWS's <c>success</c>).</summary>
    /// <exception cref="LogsQueryException">ResourceNotFoundException for an unknown or expired id.</exception>
    Task<bool> StopQueryAsync(string queryId, CancellationToken ct = default);
}
