namespace Autri.Infra.Tests.Logs;

public class LocalLogsInsightsTests
{
    private static LocalLogsInsights Create(TimeProvider? time = null, string? directory = null) =>
        new(new LocalLogsInsightsOptions { Directory = directory ?? LogSample.Directory }, time);

    private static LogsQueryRequest Request(string query, params string[] groups) =>
        new(query, groups.Length == 0 ? ["mcp"] : groups, LogSample.Start, LogSample.End);

    [Fact]
    public async Task A_started_query_completes_with_rows_and_statistics_like_get_query_results()
    {
        using var insights = Create();

        var id = await insights.StartQueryAsync(Request("filter event = \"mcp_auth_failed\" | stats count(*) as n by reason | sort n desc"));
        await insights.WaitAsync(id);
        var results = await insights.GetQueryResultsAsync(id);

        Assert.Equal(LogsQueryStatus.Complete, results.Status);
        Assert.Equal(["reason=expired | n=2", "reason=revoked | n=1", "reason=bad_signature | n=1"], LogSample.Table(results.Result));
        Assert.Equal(4, results.Result.Statistics.RecordsMatched);
        Assert.Equal(14, results.Result.Statistics.RecordsScanned);
    }

    [Fact]
    public async Task A_syntax_error_is_refused_at_start_with_its_line_and_column()
    {
        using var insights = Create();

        var error = await Assert.ThrowsAsync<LogsQueryException>(() => insights.StartQueryAsync(Request("fields tool\n| filter status = ")));

        Assert.Equal("MalformedQueryException", error.Code);
        Assert.Contains("line 2, column 19", error.Message);
    }

    [Fact]
    public async Task More_than_fifty_log_groups_are_refused()
    {
        using var insights = Create();

        var groups = Enumerable.Range(0, 51).Select(i => "group" + i).ToArray();
        var error = await Assert.ThrowsAsync<LogsQueryException>(() => insights.StartQueryAsync(Request("stats count(*)", groups)));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains("at most 50 log groups", error.Message);
    }

    [Fact]
    public async Task Newer_commands_are_refused_locally_with_a_clear_message()
    {
        using var insights = Create();

        var error = await Assert.ThrowsAsync<LogsQueryException>(() => insights.StartQueryAsync(Request("fields @message | unnest tags into tag")));

        Assert.Equal(LogsQueryException.NotSupportedLocally, error.Code);
        Assert.Contains("`unnest` is not understood by the local engine", error.Message);
    }

    [Fact]
    public async Task Unknown_query_ids_are_resource_not_found()
    {
        using var insights = Create();

        var error = await Assert.ThrowsAsync<LogsQueryException>(() => insights.GetQueryResultsAsync("no-such-query"));

        Assert.Equal("ResourceNotFoundException", error.Code);
    }

    [Fact]
    public async Task Stopping_a_running_query_ends_it_as_cancelled_and_a_second_stop_reports_false()
    {
        var directory = Directory.CreateTempSubdirectory("autri-logs-").FullName;
        try
        {
            var start = DateTimeOffset.Parse("2026-11-21T00:00:00Z");
            await using (var writer = new StreamWriter(Path.Combine(directory, "portal.jsonl")))
            {
                for (var i = 0; i < 400_000; i++)
                    await writer.WriteLineAsync($$"""{"time":"{{start.AddMilliseconds(i):O}}","level":"info","message":"line {{i}}"}""");
            }
            using var insights = Create(directory: directory);

            var id = await insights.StartQueryAsync(new LogsQueryRequest("stats count(*) by message", ["portal"], start, start.AddDays(1)));
            var stopped = await insights.StopQueryAsync(id);
            await insights.WaitAsync(id);
            var results = await insights.GetQueryResultsAsync(id);

            // The stop can only lose to a query that already finished; 400k distinct groups take far longer than the call.
            Assert.True(stopped);
            Assert.Equal(LogsQueryStatus.Cancelled, results.Status);
            Assert.False(await insights.StopQueryAsync(id));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Finished_results_are_dropped_after_the_retention_period()
    {
        var clock = ManualClock.Stopped();
        using var insights = Create(clock);
        var id = await insights.StartQueryAsync(Request("stats count(*)"));
        await insights.WaitAsync(id);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(LogsQueryStatus.Complete, (await insights.GetQueryResultsAsync(id)).Status);
        clock.Advance(TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<LogsQueryException>(() => insights.GetQueryResultsAsync(id));

        Assert.Equal("ResourceNotFoundException", error.Code);
    }
}
