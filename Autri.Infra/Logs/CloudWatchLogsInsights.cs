using Autri.Infra.Aws.Logs;

namespace Autri.Infra.Logs;

/// <summary>
/// <see cref="ILogsInsights"/> over CloudWatch Logs (StartQuery, GetQueryResults, StopQuery). The request is
/// validated and parsed before anything is sent, so a syntax error never reaches AWS; commands the parser does
/// not know go through unchanged. AWS failures become <see cref="LogsQueryException"/> with AWS's error code.
/// </summary>
public sealed class CloudWatchLogsInsights(ICloudWatchLogsClient client) : ILogsInsights
{
    public async Task<string> StartQueryAsync(LogsQueryRequest request, CancellationToken ct = default)
    {
        LogsQueryRequestValidator.Validate(request);
        // Names and ARNs go in different members, and StartQuery takes exactly one of them.
        var byArn = request.LogGroups.Any(g => g.StartsWith("arn:", StringComparison.Ordinal));
        var response = await Call(() => client.StartQueryAsync(new StartQueryRequest
        {
            QueryString = request.QueryString,
            LogGroupNames = byArn ? null : request.LogGroups.ToList(),
            LogGroupIdentifiers = byArn ? request.LogGroups.ToList() : null,
            // StartQuery takes whole epoch seconds; rounding outward keeps every event of [Start, End).
            StartTime = request.Start.ToUnixTimeSeconds(),
            EndTime = (long)Math.Ceiling(request.End.ToUnixTimeMilliseconds() / 1000.0),
            Limit = request.Limit,
        }, ct)).ConfigureAwait(false);
        return response.QueryId ?? throw new LogsQueryException("ServiceUnavailableException", "StartQuery answered without a queryId");
    }

    public async Task<LogsQueryResults> GetQueryResultsAsync(string queryId, CancellationToken ct = default)
    {
        var response = await Call(() => client.GetQueryResultsAsync(new GetQueryResultsRequest { QueryId = queryId }, ct)).ConfigureAwait(false);
        var status = Enum.TryParse<LogsQueryStatus>(response.Status, ignoreCase: false, out var parsed) ? parsed : LogsQueryStatus.Unknown;
        var rows = (response.Results ?? [])
            .Select(row => (IReadOnlyList<Domain.Logs.ResultField>)row
                .Where(f => f.Field is not null)
                .Select(f => new Domain.Logs.ResultField(f.Field!, f.Value ?? ""))
                .ToList())
            .ToList();
        var s = response.Statistics;
        var statistics = new LogsQueryStatistics(s?.RecordsMatched ?? 0, s?.RecordsScanned ?? 0, s?.BytesScanned ?? 0);
        var failure = status == LogsQueryStatus.Failed ? "CloudWatch Logs reported the query as Failed" : null;
        return new LogsQueryResults(status, new LogsQueryResult(ColumnsOf(rows), rows, statistics), failure);
    }

    public async Task<bool> StopQueryAsync(string queryId, CancellationToken ct = default)
    {
        var response = await Call(() => client.StopQueryAsync(new StopQueryRequest { QueryId = queryId }, ct)).ConfigureAwait(false);
        return response.Success ?? false;
    }

    /// <summary>
    /// GetQueryResults has no column list: each row names its own fields, in query order, and leaves out the ones
    /// it lacks. The columns are the fields in order of first appearance.
    /// </summary>
    public static IReadOnlyList<string> ColumnsOf(IEnumerable<IReadOnlyList<Domain.Logs.ResultField>> rows)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var previous = -1;
            for (var i = 0; i < row.Count; i++)
            {
                var field = row[i].Field;
                if (!seen.Add(field))
                {
                    previous = columns.IndexOf(field);
                    continue;
                }
                // A field first seen in a later row goes next to its neighbours in that row, keeping query order.
                var at = previous >= 0 ? previous + 1 : NextKnown(row, i, columns) ?? columns.Count;
                columns.Insert(at, field);
                previous = at;
            }
        }
        return columns;
    }

    private static int? NextKnown(IReadOnlyList<Domain.Logs.ResultField> row, int from, List<string> columns)
    {
        for (var j = from + 1; j < row.Count; j++)
        {
            var at = columns.IndexOf(row[j].Field);
            if (at >= 0) return at;
        }
        return null;
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw new LogsQueryException(e.ErrorCode, e.Message, e);
        }
    }
}
