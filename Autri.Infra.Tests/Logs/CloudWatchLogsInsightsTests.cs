using ResultField = Autri.Domain.Logs.ResultField;

namespace Autri.Infra.Tests.Logs;

public class CloudWatchLogsInsightsTests
{
    private const string Group = "/autri/beta/mcp";
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(FakeAws, CloudWatchLogsInsights)> StartAsync()
    {
        var aws = await FakeAws.StartAsync();
        aws.Server.Logs.AddLogGroup(Group);
        return (aws, new CloudWatchLogsInsights(new CloudWatchLogsClient(aws.Client(AwsService.Logs))));
    }

    private static LogsQueryRequest Request(string query, DateTimeOffset? end = null) =>
        new(query, [Group], Start, end ?? Start.AddHours(1));

    [Fact]
    public async Task StartQuery_sends_the_log_group_names_and_the_window_in_epoch_seconds_rounded_outward()
    {
        var (aws, insights) = await StartAsync();
        await using var owned = aws;

        var id = await insights.StartQueryAsync(Request("fields @message", Start.AddHours(1).AddMilliseconds(1)));

        var sent = Assert.Single(aws.Server.Logs.Started);
        Assert.Equal(id, sent.QueryId);
        Assert.Equal([Group], sent.LogGroups);
        Assert.Equal((Start.ToUnixTimeSeconds(), Start.AddHours(1).ToUnixTimeSeconds() + 1), (sent.StartTime, sent.EndTime));
        Assert.Null(sent.Limit);
    }

    [Fact]
    public async Task A_syntax_error_is_refused_before_anything_is_sent()
    {
        var (aws, insights) = await StartAsync();
        await using var owned = aws;

        var error = await Assert.ThrowsAsync<LogsQueryException>(() => insights.StartQueryAsync(Request("fields @message\n| stats count(*) by")));

        Assert.Equal("MalformedQueryException", error.Code);
        Assert.Contains("line 2", error.Message);
        Assert.Empty(aws.Server.Calls);
    }

    [Fact]
    public async Task AWS_errors_keep_their_code()
    {
        var (aws, insights) = await StartAsync();
        await using var owned = aws;
        aws.Server.Logs.MaxConcurrentQueries = 0;

        var limit = await Assert.ThrowsAsync<LogsQueryException>(() => insights.StartQueryAsync(Request("fields @message")));
        var missing = await Assert.ThrowsAsync<LogsQueryException>(() => insights.GetQueryResultsAsync("00000000-0000-0000-0000-000000000000"));

        Assert.Equal("LimitExceededException", limit.Code);
        Assert.Equal("ResourceNotFoundException", missing.Code);
        Assert.IsType<AwsServiceException>(limit.InnerException);
    }

    [Fact]
    public async Task Results_carry_status_rows_statistics_and_columns_in_query_order()
    {
        var (aws, insights) = await StartAsync();
        await using var owned = aws;
        aws.Server.Logs.EnqueueScript(
            new QueryPoll("Running", RecordsScanned: 3),
            new QueryPoll("Complete",
            [
                new Dictionary<string, string> { ["tool"] = "search", ["calls"] = "7" },
                new Dictionary<string, string> { ["tool"] = "fetch", ["error_pct"] = "50", ["calls"] = "2" },
            ], RecordsMatched: 9, RecordsScanned: 30, BytesScanned: 2048));
        var id = await insights.StartQueryAsync(Request("stats count(*) as calls, avg(x) as error_pct by tool"));

        var running = await insights.GetQueryResultsAsync(id);
        var complete = await insights.GetQueryResultsAsync(id);

        Assert.Equal(LogsQueryStatus.Running, running.Status);
        Assert.Equal(3, running.Result.Statistics.RecordsScanned);
        Assert.Equal(LogsQueryStatus.Complete, complete.Status);
        Assert.Equal(["tool", "error_pct", "calls"], complete.Result.Columns);
        Assert.Equal(new LogsQueryStatistics(9, 30, 2048), complete.Result.Statistics);
        Assert.Equal([new ResultField("tool", "fetch"), new ResultField("error_pct", "50"), new ResultField("calls", "2")], complete.Result.Rows[1]);
    }

    [Fact]
    public async Task StopQuery_stops_a_running_query_and_says_false_for_a_finished_one()
    {
        var (aws, insights) = await StartAsync();
        await using var owned = aws;
        aws.Server.Logs.EnqueueScript(new QueryPoll("Running"));
        var id = await insights.StartQueryAsync(Request("fields @message"));

        Assert.True(await insights.StopQueryAsync(id));
        Assert.Equal(LogsQueryStatus.Cancelled, (await insights.GetQueryResultsAsync(id)).Status);
        Assert.False(await insights.StopQueryAsync(id));
    }

    [Fact]
    public void Columns_are_the_fields_in_order_of_first_appearance_keeping_query_order()
    {
        IReadOnlyList<ResultField>[] rows =
        [
            [new("a", ""), new("c", "")],
            [new("a", ""), new("b", ""), new("c", "")],
            [new("d", "")],
            [new("x", ""), new("b", "")],
        ];

        Assert.Equal(["a", "x", "b", "c", "d"], CloudWatchLogsInsights.ColumnsOf(rows));
    }
}
