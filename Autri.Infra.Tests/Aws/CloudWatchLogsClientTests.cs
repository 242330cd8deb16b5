namespace Autri.Infra.Tests.Aws;

public sealed class CloudWatchLogsClientTests() : FakeAwsTests<CloudWatchLogsClient>(AwsService.Logs, c => new CloudWatchLogsClient(c))
{
    private const string Group = "/autri/portal";

    protected override void Seed(AwsFakeServer server) => server.Logs.AddLogGroup(Group);

    private static StartQueryRequest Query(string queryString = "fields @timestamp, @message | limit 20") => new()
    {
        LogGroupNames = [Group],
        StartTime = 1_763_700_000,
        EndTime = 1_763_703_600,
        QueryString = queryString,
        Limit = 20,
    };

    [Fact]
    public async Task A_query_runs_through_its_scripted_polls_and_returns_rows_and_statistics()
    {
        Aws.Server.Logs.EnqueueScript(
            new QueryPoll("Running"),
            new QueryPoll("Complete", [new Dictionary<string, string> { ["@timestamp"] = "2025-11-21 05:00:00.000", ["@message"] = "hello" }], RecordsMatched: 1, RecordsScanned: 40, BytesScanned: 4096));

        var id = (await Client.StartQueryAsync(Query())).QueryId!;
        var first = await Client.GetQueryResultsAsync(new() { QueryId = id });
        var second = await Client.GetQueryResultsAsync(new() { QueryId = id });

        Assert.Equal("Running", first.Status);
        Assert.Equal("Complete", second.Status);
        var row = Assert.Single(second.Results!);
        Assert.Equal(["@timestamp", "@message"], row.Select(f => f.Field));
        Assert.Equal("hello", row[1].Value);
        Assert.Equal(40, second.Statistics!.RecordsScanned);
        var started = Assert.Single(Aws.Server.Logs.Started);
        Assert.Equal((1_763_700_000L, 1_763_703_600L), (started.StartTime, started.EndTime));
        Assert.Equal([Group], started.LogGroups);
        Assert.True(Aws.Server.Calls[0].Body.TryGetProperty("queryString", out _), "Logs members go on the wire in camelCase");
    }

    [Fact]
    public async Task Too_many_concurrent_queries_is_LimitExceededException_and_is_not_retried()
    {
        Aws.Server.Logs.MaxConcurrentQueries = 1;
        Aws.Server.Logs.EnqueueScript(new QueryPoll("Running"));
        await Client.StartQueryAsync(Query());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client.StartQueryAsync(Query()));

        Assert.Equal("LimitExceededException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Equal(2, Aws.Server.Calls.Count);
    }

    [Fact]
    public async Task Stopping_a_running_query_cancels_it()
    {
        Aws.Server.Logs.EnqueueScript(new QueryPoll("Running"));
        var id = (await Client.StartQueryAsync(Query())).QueryId!;

        var stopped = await Client.StopQueryAsync(new() { QueryId = id });
        var after = await Client.GetQueryResultsAsync(new() { QueryId = id });
        var again = await Client.StopQueryAsync(new() { QueryId = id });

        Assert.True(stopped.Success);
        Assert.Equal("Cancelled", after.Status);
        Assert.False(again.Success);
    }

    [Fact]
    public async Task Unknown_log_groups_and_malformed_queries_are_refused()
    {
        Aws.Server.Logs.QueryCompiler = q => q.Contains("|| ") ? "unexpected symbol found ||" : null;

        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => Client.StartQueryAsync(Query() with { LogGroupNames = ["/nope"] }));
        var malformed = await Assert.ThrowsAsync<AwsServiceException>(() => Client.StartQueryAsync(Query("fields @message || x")));

        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);
        Assert.Equal("MalformedQueryException", malformed.ErrorCode);
    }

    [Fact]
    public void The_documented_GetQueryResults_answer_reads_into_the_response_type()
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.AwsSamples, "logs", "get-query-results.aws-cli-pr8995.json"));

        var response = JsonSerializer.Deserialize<GetQueryResultsResponse>(json, AwsService.Logs.Json)!;

        Assert.Equal("Complete", response.Status);
        Assert.NotEmpty(response.Results!);
        Assert.All(response.Results!, row => Assert.Contains(row, f => f.Field == "@message"));
        Assert.True(response.Statistics!.RecordsMatched > 0);
    }
}
