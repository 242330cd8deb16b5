namespace Autri.Infra.Logs;

/// <summary>
/// Stands in for the Logs Insights backend where this deployment cannot run queries (Local mode without a logs
/// folder): the runner and pages are registered as everywhere else, and any query that still reaches the backend
/// fails with the reason, which the run's page shows.
/// </summary>
public sealed class UnavailableLogsInsights(string reason) : ILogsInsights
{
    public const string Code = "NotAvailableHere";

    public Task<string> StartQueryAsync(LogsQueryRequest request, CancellationToken ct = default) => throw new LogsQueryException(Code, reason);

    public Task<LogsQueryResults> GetQueryResultsAsync(string queryId, CancellationToken ct = default) => throw new LogsQueryException(Code, reason);

    public Task<bool> StopQueryAsync(string queryId, CancellationToken ct = default) => throw new LogsQueryException(Code, reason);
}
