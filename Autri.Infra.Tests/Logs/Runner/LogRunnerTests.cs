namespace Autri.Infra.Tests.Logs.Runner;

/// <summary>The runner against the strict AWS fake and a real Postgres.</summary>
public class LogRunnerTests
{
    private static Dictionary<string, string> Row(params (string Field, string Value)[] fields) =>
        fields.ToDictionary(f => f.Field, f => f.Value);

    [Fact]
    public async Task A_run_polls_until_Complete_and_stores_the_rows_in_column_order_with_statistics()
    {
        await using var h = await RunnerHarness.StartAsync();
        var runner = await h.InstanceAsync();
        h.Fake.Logs.EnqueueScript(
            new QueryPoll("Scheduled"),
            new QueryPoll("Running", RecordsScanned: 10, BytesScanned: 1000),
            new QueryPoll("Complete",
            [
                Row(("@timestamp", "2026-11-21 09:59:00.000"), ("@message", "boom"), ("@ptr", "p1")),
                Row(("@timestamp", "2026-11-21 09:58:00.000"), ("@ptr", "p2")),
            ], RecordsMatched: 2, RecordsScanned: 40, BytesScanned: 4096));

        var started = await runner.StartOrReuseAsync(RunnerHarness.Request());
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());
        var results = (await runner.GetResultsAsync(run.Id))!;

        Assert.Equal(LogRunStatus.Complete, run.Status);
        Assert.Equal(["@timestamp", "@message", "@ptr"], run.Columns);
        Assert.Equal(["2026-11-21 09:58:00.000", null, "p2"], results.Rows[1]);
        Assert.Equal(new LogsQueryStatistics(2, 40, 4096), run.Statistics);
        Assert.NotNull(run.FinishedAt);
        Assert.Single(h.CallsOf("StartQuery"));
        Assert.True(h.CallsOf("GetQueryResults").Count >= 3);
        Assert.Empty(h.CallsOf("StopQuery"));
        var sent = Assert.Single(h.Fake.Logs.Started);
        Assert.Equal((1_795_251_600L, 1_795_255_200L), (sent.StartTime, sent.EndTime));
        Assert.Equal(run.BackendQueryId, sent.QueryId);
    }

    [Fact]
    public async Task A_query_CloudWatch_reports_as_Failed_is_stored_as_failed_with_its_statistics()
    {
        await using var h = await RunnerHarness.StartAsync();
        var runner = await h.InstanceAsync();
        h.Fake.Logs.EnqueueScript(new QueryPoll("Running"), new QueryPoll("Failed", BytesScanned: 512));

        var started = await runner.StartOrReuseAsync(RunnerHarness.Request());
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());

        Assert.Equal(LogRunStatus.Failed, run.Status);
        Assert.Contains("Failed", run.Error);
        Assert.Equal(512, run.Statistics.BytesScanned);
    }

    [Fact]
    public async Task A_run_past_the_timeout_is_stopped_with_StopQuery_and_marked_Timeout()
    {
        await using var h = await RunnerHarness.StartAsync(o => o.QueryTimeout = TimeSpan.FromSeconds(1));
        var runner = await h.InstanceAsync();
        h.Fake.Logs.EnqueueScript(new QueryPoll("Running", RecordsScanned: 5));

        var started = await runner.StartOrReuseAsync(RunnerHarness.Request());
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());

        Assert.Equal(LogRunStatus.Timeout, run.Status);
        Assert.Contains("Logs:QueryTimeout", run.Error);
        var stop = Assert.Single(h.CallsOf("StopQuery"));
        Assert.Equal(run.BackendQueryId, stop.Body.GetProperty("queryId").GetString());
        Assert.True(stop.Succeeded);
    }

    [Fact]
    public async Task LimitExceeded_on_start_is_retried_with_backoff_and_then_the_query_runs()
    {
        await using var h = await RunnerHarness.StartAsync();
        var runner = await h.InstanceAsync();
        h.Fake.Failures.Enqueue("Logs_20140328.StartQuery", "LimitExceededException", 400, 2);

        var started = await runner.StartOrReuseAsync(RunnerHarness.Request());
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());

        Assert.Equal(LogRunStatus.Complete, run.Status);
        Assert.Equal(["LimitExceededException", "LimitExceededException", null], h.CallsOf("StartQuery").Select(c => c.ErrorCode));
    }

    [Fact]
    public async Task While_CloudWatch_has_no_free_slot_the_run_says_it_is_waiting_for_one()
    {
        await using var h = await RunnerHarness.StartAsync();
        var runner = await h.InstanceAsync();
        h.Fake.Failures.Enqueue("Logs_20140328.StartQuery", "LimitExceededException", 400, 100_000);

        var started = await runner.StartOrReuseAsync(RunnerHarness.Request());
        var waiting = await h.WaitForAsync(started.Run.Id, r => r.WaitingForAws);
        h.Fake.Failures.Clear();
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());

        Assert.True(waiting.IsWaitingForSlot);
        Assert.Equal(LogRunStatus.Starting, waiting.Status);
        Assert.Equal(LogRunStatus.Complete, run.Status);
        Assert.False(run.WaitingForAws);
    }

    [Fact]
    public async Task LimitExceeded_until_the_timeout_ends_the_run_as_Timeout_without_any_query()
    {
        await using var h = await RunnerHarness.StartAsync(o => o.QueryTimeout = TimeSpan.FromMilliseconds(500));
        var runner = await h.InstanceAsync();
        h.Fake.Failures.Enqueue("Logs_20140328.StartQuery", "LimitExceededException", 400, 100_000);

        var started = await runner.StartOrReuseAsync(RunnerHarness.Request());
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());

        Assert.Equal(LogRunStatus.Timeout, run.Status);
        Assert.Contains("LimitExceededException", run.Error);
        Assert.Empty(h.Fake.Logs.Started);
        Assert.Empty(h.CallsOf("StopQuery"));
    }

    [Fact]
    public async Task Cancel_on_another_instance_makes_the_owner_send_StopQuery()
    {
        await using var h = await RunnerHarness.StartAsync();
        var owner = await h.InstanceAsync();
        var other = await h.InstanceAsync();
        h.Fake.Logs.EnqueueScript(new QueryPoll("Running"));

        var started = await owner.StartOrReuseAsync(RunnerHarness.Request());
        await h.WaitForAsync(started.Run.Id, r => r.Status == LogRunStatus.Running);
        Assert.True(await other.CancelAsync(started.Run.Id));
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());

        Assert.Equal(LogRunStatus.Cancelled, run.Status);
        var stop = Assert.Single(h.CallsOf("StopQuery"));
        Assert.Equal(run.BackendQueryId, stop.Body.GetProperty("queryId").GetString());
        Assert.False(await other.CancelAsync(run.Id), "a finished run cannot be cancelled again");
    }

    [Fact]
    public async Task The_same_request_within_a_minute_reuses_one_run_across_instances()
    {
        await using var h = await RunnerHarness.StartAsync();
        var first = await h.InstanceAsync();
        var second = await h.InstanceAsync();
        var request = RunnerHarness.Request("fields @timestamp, @message\n| sort @timestamp desc");

        var a = await first.StartOrReuseAsync(request);
        // The same question: the window a few seconds off within the same minutes, CRLF line endings.
        var b = await second.StartOrReuseAsync(request with
        {
            Query = request.Query.Replace("\n", "\r\n"),
            Start = request.Start.AddSeconds(20),
            End = request.End.AddSeconds(-20),
        });
        await h.WaitForAsync(a.Run.Id, r => r.Status.IsFinal());
        var c = await second.StartOrReuseAsync(request);

        Assert.False(a.Reused);
        Assert.True(b.Reused);
        Assert.True(c.Reused, "a finished run is reused too within the window");
        Assert.Equal(a.Run.Id, b.Run.Id);
        Assert.Equal(a.Run.Id, c.Run.Id);
        Assert.Single(h.CallsOf("StartQuery"));
    }

    [Fact]
    public async Task A_different_window_or_an_expired_reuse_window_starts_a_new_run()
    {
        await using var h = await RunnerHarness.StartAsync(o => o.ReuseWindow = TimeSpan.Zero);
        var runner = await h.InstanceAsync();
        var request = RunnerHarness.Request();

        var a = await runner.StartOrReuseAsync(request);
        var b = await runner.StartOrReuseAsync(request);

        Assert.NotEqual(a.Run.Id, b.Run.Id);
        Assert.False(b.Reused);
        Assert.NotEqual(a.Run.QueryHash, RunKey.Of(request.Query, request.LogGroups, request.Start, request.End.AddMinutes(1)));
    }

    [Fact]
    public async Task A_failed_run_is_not_reused_so_asking_again_retries()
    {
        await using var h = await RunnerHarness.StartAsync();
        var runner = await h.InstanceAsync();
        h.Fake.Failures.Enqueue("Logs_20140328.StartQuery", "ServiceUnavailableException", 400);

        var failed = await runner.StartOrReuseAsync(RunnerHarness.Request());
        var run = await h.WaitForAsync(failed.Run.Id, r => r.Status.IsFinal());
        var again = await runner.StartOrReuseAsync(RunnerHarness.Request());

        Assert.Equal(LogRunStatus.Failed, run.Status);
        Assert.StartsWith("ServiceUnavailableException", run.Error);
        Assert.False(again.Reused);
        Assert.Equal(LogRunStatus.Complete, (await h.WaitForAsync(again.Run.Id, r => r.Status.IsFinal())).Status);
    }

    [Fact]
    public async Task At_most_N_runs_hold_a_slot_across_instances_and_a_queued_run_starts_when_one_ends()
    {
        await using var h = await RunnerHarness.StartAsync(o => o.MaxConcurrentQueries = 2);
        var one = await h.InstanceAsync();
        var two = await h.InstanceAsync();
        for (var i = 0; i < 3; i++) h.Fake.Logs.EnqueueScript(new QueryPoll("Running"));

        var a = await one.StartOrReuseAsync(RunnerHarness.Request("fields @message | limit 1"));
        var b = await two.StartOrReuseAsync(RunnerHarness.Request("fields @message | limit 2"));
        await h.WaitForAsync(a.Run.Id, r => r.Status == LogRunStatus.Running);
        await h.WaitForAsync(b.Run.Id, r => r.Status == LogRunStatus.Running);
        var c = await one.StartOrReuseAsync(RunnerHarness.Request("fields @message | limit 3"));
        var queued = await h.WaitForAsync(c.Run.Id, r => r.Status == LogRunStatus.Queued);
        var startedWhileFull = h.Fake.Logs.Started.Count;

        await two.CancelAsync(a.Run.Id);
        await h.WaitForAsync(c.Run.Id, r => r.Status == LogRunStatus.Running);

        Assert.True(queued.IsWaitingForSlot);
        Assert.False(queued.WaitingForAws);
        Assert.Equal(2, startedWhileFull);
        Assert.Equal(3, h.Fake.Logs.Started.Count);
        Assert.Equal("fields @message | limit 3", h.Fake.Logs.Started[2].QueryString);
    }

    [Fact]
    public async Task A_syntax_error_is_refused_with_line_and_column_before_anything_is_stored_or_sent()
    {
        await using var h = await RunnerHarness.StartAsync();
        var runner = await h.InstanceAsync();

        var error = await Assert.ThrowsAsync<LogsQueryException>(() => runner.StartOrReuseAsync(RunnerHarness.Request("fields @message\n| filter level = ")));

        Assert.Equal("MalformedQueryException", error.Code);
        Assert.Contains("line 2, column", error.Message);
        Assert.Empty(h.Fake.Calls);
        Assert.Equal(0, await CountRunsAsync(h));
    }

    [Fact]
    public async Task A_command_the_parser_does_not_know_goes_to_CloudWatch_unchanged()
    {
        await using var h = await RunnerHarness.StartAsync();
        var runner = await h.InstanceAsync();
        const string query = "fields @message | pattern @message";

        var started = await runner.StartOrReuseAsync(RunnerHarness.Request(query));
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());

        Assert.Equal(LogRunStatus.Complete, run.Status);
        Assert.Equal(query, Assert.Single(h.Fake.Logs.Started).QueryString);
    }

    [Fact]
    public async Task More_than_50_log_groups_are_refused_before_anything_is_sent()
    {
        await using var h = await RunnerHarness.StartAsync();
        var runner = await h.InstanceAsync();
        var groups = Enumerable.Range(1, 51).Select(i => $"/autri/group-{i}").ToArray();

        var error = await Assert.ThrowsAsync<LogsQueryException>(() => runner.StartOrReuseAsync(RunnerHarness.Request("fields @message", groups)));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains("at most 50 log groups", error.Message);
        Assert.Empty(h.Fake.Calls);
    }

    [Fact]
    public async Task A_range_over_the_maximum_runs_only_when_confirmed()
    {
        await using var h = await RunnerHarness.StartAsync(o => o.MaxRangeDays = 31);
        var runner = await h.InstanceAsync();
        var request = RunnerHarness.Request() with { Start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero) };

        var refused = await Assert.ThrowsAsync<LogsQueryException>(() => runner.StartOrReuseAsync(request));
        var confirmed = await runner.StartOrReuseAsync(request with { LongRangeConfirmed = true });
        await h.WaitForAsync(confirmed.Run.Id, r => r.Status.IsFinal());

        Assert.Equal(LogRunner.RangeNeedsConfirmation, refused.Code);
        Assert.Contains("more than 31", refused.Message);
        Assert.Single(h.Fake.Logs.Started);
    }

    [Fact]
    public async Task Results_are_kept_to_the_10000_rows_AWS_returns_at_most_and_the_cap_is_flagged()
    {
        await using var h = await RunnerHarness.StartAsync();
        var runner = await h.InstanceAsync();
        h.Fake.Logs.EnqueueScript(new QueryPoll("Complete",
            Enumerable.Range(0, 10_003).Select(i => (IReadOnlyDictionary<string, string>)Row(("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList()));

        var started = await runner.StartOrReuseAsync(RunnerHarness.Request("fields n"));
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());
        var results = (await runner.GetResultsAsync(run.Id))!;

        Assert.Equal(10_000, run.RowCount);
        Assert.True(run.HitRowCap);
        Assert.Equal(10_000, results.Rows.Count);
        Assert.Equal("9999", results.Rows[^1][0]);
    }

    [Fact]
    public async Task A_run_whose_instance_died_is_failed_by_another_instance()
    {
        await using var h = await RunnerHarness.StartAsync(o => o.OwnerTimeout = TimeSpan.FromMilliseconds(600));
        var dead = await h.InstanceAsync(start: false);

        var started = await dead.StartOrReuseAsync(RunnerHarness.Request());
        await h.InstanceAsync();
        var run = await h.WaitForAsync(started.Run.Id, r => r.Status.IsFinal());

        Assert.Equal(LogRunStatus.Failed, run.Status);
        Assert.Contains("instance running this query stopped", run.Error);
        Assert.Empty(h.Fake.Calls);
    }

    [Fact]
    public async Task A_live_instance_keeps_its_waiting_runs_alive_past_the_owner_timeout()
    {
        await using var h = await RunnerHarness.StartAsync(o =>
        {
            o.OwnerTimeout = TimeSpan.FromMilliseconds(600);
            o.MaxConcurrentQueries = 1;
        });
        var runner = await h.InstanceAsync();
        h.Fake.Logs.EnqueueScript(new QueryPoll("Running"));
        var first = await runner.StartOrReuseAsync(RunnerHarness.Request("fields @message | limit 1"));
        await h.WaitForAsync(first.Run.Id, r => r.Status == LogRunStatus.Running);

        var second = await runner.StartOrReuseAsync(RunnerHarness.Request("fields @message | limit 2"));
        // Three owner timeouts pass while it queues; its instance vouches for it, so nobody fails it.
        await Task.Delay(TimeSpan.FromMilliseconds(1800));
        var stillQueued = (await h.Store.GetAsync(second.Run.Id))!;
        await runner.CancelAsync(first.Run.Id);
        var done = await h.WaitForAsync(second.Run.Id, r => r.Status.IsFinal());

        Assert.Equal(LogRunStatus.Queued, stillQueued.Status);
        Assert.Equal(LogRunStatus.Complete, done.Status);
    }

    [Fact]
    public async Task Finished_runs_are_deleted_after_the_retention_and_unfinished_ones_are_kept()
    {
        await using var h = await RunnerHarness.StartAsync();
        var store = h.Store;
        var old = await store.StartOrReuseAsync(RunnerHarness.Request("fields a"), "h1", "dead-instance", TimeSpan.Zero);
        var running = await store.StartOrReuseAsync(RunnerHarness.Request("fields b"), "h2", "dead-instance", TimeSpan.Zero);
        await store.FinishAsync(old.Run.Id, LogRunStatus.Complete, LogsQueryStatistics.Empty, ["a"], [["1"]], null);
        await using (var age = h.Db.CreateCommand("UPDATE log_query_runs SET finished_at = now() - interval '8 days', created_at = now() - interval '8 days'"))
            await age.ExecuteNonQueryAsync();

        var deleted = await store.DeleteFinishedBeforeAsync(TimeSpan.FromDays(7));

        Assert.Equal(1, deleted);
        Assert.Null(await store.GetAsync(old.Run.Id));
        Assert.NotNull(await store.GetAsync(running.Run.Id));
    }

    private static async Task<long> CountRunsAsync(RunnerHarness h)
    {
        await using var cmd = h.Db.CreateCommand("SELECT count(*) FROM log_query_runs");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
