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

    public Task<DescribeQueryDefinitionsResponse> DescribeQueryDefinitionsAsync(DescribeQueryDefinitionsRequest request, CancellationToken ct = default) =>
        client.InvokeAsync<DescribeQueryDefinitionsRequest, DescribeQueryDefinitionsResponse>("DescribeQueryDefinitions", request, ct);

    public Task<PutQueryDefinitionResponse> PutQueryDefinitionAsync(PutQueryDefinitionRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Name, nameof(request.Name));
        Require.NotEmpty(request.QueryString, nameof(request.QueryString));
        var withToken = request.ClientToken is null ? request with { ClientToken = Guid.NewGuid().ToString() } : request;
        return client.InvokeAsync<PutQueryDefinitionRequest, PutQueryDefinitionResponse>("PutQueryDefinition", withToken, ct);
    }

    public Task<DeleteQueryDefinitionResponse> DeleteQueryDefinitionAsync(DeleteQueryDefinitionRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.QueryDefinitionId, nameof(request.QueryDefinitionId));
        return client.InvokeAsync<DeleteQueryDefinitionRequest, DeleteQueryDefinitionResponse>("DeleteQueryDefinition", request, ct);
    }

    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken ct = default) =>
        client.InvokeAsync<DescribeLogGroupsRequest, DescribeLogGroupsResponse>("DescribeLogGroups", request, ct);

    public Task<DescribeQueriesResponse> DescribeQueriesAsync(DescribeQueriesRequest request, CancellationToken ct = default) =>
        client.InvokeAsync<DescribeQueriesRequest, DescribeQueriesResponse>("DescribeQueries", request, ct);
}
