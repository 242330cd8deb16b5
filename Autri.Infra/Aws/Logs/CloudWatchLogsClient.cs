namespace Autri.Infra.Aws.Logs;

public sealed class CloudWatchLogsClient(AwsJsonClient client) : ICloudWatchLogsClient
{
    public Task<StartQueryResponse> StartQueryAsync(StartQueryRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.QueryString, nameof(request.QueryString));
        if (request.EndTime < request.StartTime) throw new ArgumentException("EndTime must not be before StartTime", nameof(request));
        return client.InvokeAsync<StartQueryRequest, StartQueryResponse>("StartQuery", request, ct);
    }

    public Task<GetQueryResultsResponse> GetQueryResultsAsync(GetQueryResultsRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.QueryId, nameof(request.QueryId));
        return client.InvokeAsync<GetQueryResultsRequest, GetQueryResultsResponse>("GetQueryResults", request, ct);
    }

    public Task<StopQueryResponse> StopQueryAsync(StopQueryRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.QueryId, nameof(request.QueryId));
        return client.InvokeAsync<StopQueryRequest, StopQueryResponse>("StopQuery", request, ct);
    }
}
