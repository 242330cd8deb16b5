namespace Autri.Logs.Engine.Tests;

public class LocalLogEngineTests
{
    [Fact]
    public void Time_range_includes_its_start_and_excludes_its_end()
    {
        // portal.1.jsonl opens at exactly 10:00:00; portal.jsonl has an error at 09:59:59 and one at exactly 11:00:00.
        var result = LogFixtures.Run("filter level = \"error\" or level = \"fatal\" | fields @timestamp, message");

        Assert.Equal(
        [
            "@timestamp=2026-11-21 10:00:00.000 | message=Connector 5 not found",
            "@timestamp=2026-11-21 10:02:00.000 | message=Connector 8812 not found",
            "@timestamp=2026-11-21 10:06:00.000 | message=Connector 9907 not found",
            "@timestamp=2026-11-21 10:12:00.000 | message=Database timeout after 30 s",
        ], LogSample.Table(result));
    }

    [Fact]
    public void A_malformed_line_is_counted_and_skipped()
    {
        var result = LogFixtures.Run("stats count(*) as n");

        // portal.1.jsonl: 2 events; portal.jsonl: 13 lines, 1 malformed, 2 outside the hour.
        Assert.Equal(["n=12"], LogSample.Table(result));
        Assert.Equal(1, result.Statistics.MalformedRecords);
        Assert.Equal(12, result.Statistics.RecordsScanned);
        Assert.True(result.Statistics.BytesScanned > 0);
    }

    [Fact]
    public void Without_fields_rows_show_timestamp_and_message_then_pointer()
    {
        var result = LogFixtures.Run("filter request_id = \"req-0003\"");

        var row = Assert.Single(result.Rows);
        Assert.Equal(["@timestamp", "@message"], result.Columns);
        Assert.Equal(["@timestamp", "@message", "@ptr"], row.Select(f => f.Field));
        Assert.StartsWith("{\"time\":\"2026-11-21T10:02:00.000Z\"", row[1].Value);
    }

    [Fact]
    public void Missing_fields_are_absent_from_rows_not_null()
    {
        var result = LogFixtures.Run("filter level = \"warn\" | fields email_hash, duration_ms | limit 1");

        var row = Assert.Single(result.Rows);
        Assert.Equal(["email_hash", "@ptr"], row.Select(f => f.Field));
        Assert.Equal(["email_hash", "duration_ms"], result.Columns);
    }

    [Fact]
    public void Nested_json_fields_are_read_with_dotted_names()
    {
        var result = LogFixtures.Run("filter ispresent(exception.type) | stats count(*) as n by exception.type | sort n desc");

        Assert.Equal(["exception.type=KeyNotFoundException | n=3", "exception.type=TimeoutException | n=1"], LogSample.Table(result));
    }

    [Fact]
    public void Fields_aliases_arithmetic_and_string_functions_evaluate_per_event()
    {
        var result = LogFixtures.Run(
            "filter request_id = \"req-0002\" | fields duration_ms / 1000 as seconds, toupper(method) as m, concat(method, \" \", path) as line, strlen(path) as len, substr(path, 1, 4) as part");

        Assert.Equal(["seconds=1.45 | m=POST | line=POST /connectors | len=11 | part=conn"], LogSample.Table(result));
    }

    [Fact]
    public void Like_with_strings_and_regexes_in_lists_and_negations_filter_as_documented()
    {
        Assert.Equal(3, LogFixtures.Run("filter message like \"not found\" | fields request_id").Rows.Count);
        Assert.Equal(2, LogFixtures.Run("filter message like /(?i)^connector \\d{4} /").Rows.Count);
        Assert.Equal(2, LogFixtures.Run("filter message =~ /Connector [0-9]{4}/").Rows.Count);
        Assert.Equal(["path=/connectors", "path=/connectors"],
            LogSample.Table(LogFixtures.Run("filter method in [\"POST\", \"PUT\"] or status = 200 and path not like /ops|notif|health/ | fields path")));
        Assert.Equal(["path=/connectors | status=201"],
            LogSample.Table(LogFixtures.Run("filter event = \"http_request\" and status not in [200] | fields path, status")));
    }

    [Fact]
    public void Glob_parse_extracts_fields_and_leaves_them_out_when_the_line_does_not_match()
    {
        var result = LogFixtures.Run("filter event = \"http_request\" | parse message \"* * * in * ms\" as verb, url, code, took | fields verb, url, took | limit 2");

        Assert.Equal(["verb=GET | url=/connectors | took=85", "verb=POST | url=/connectors | took=1450"], LogSample.Table(result));
        var unmatched = LogFixtures.Run("filter event = \"allowlist_rejected\" | parse message \"user=*\" as user | fields user, email_hash | limit 1");
        Assert.Equal(["email_hash=c9c47fe828a00115"], LogSample.Table(unmatched));
    }

    [Fact]
    public void Dedup_display_earliest_latest_and_count_distinct_work_together()
    {
        var result = LogFixtures.Run(
            "filter event = \"allowlist_rejected\" | stats count_distinct(email_hash) as people, earliest(email_hash) as first, latest(email_hash) as last, min(@timestamp) as since by source",
            "portal", "triggers");

        Assert.Equal(
        [
            "source=portal | people=2 | first=c9c47fe828a00115 | last=d0574c4966d2c326 | since=2026-11-21 10:00:30.000",
            "source=trigger | people=1 | first=d0574c4966d2c326 | last=d0574c4966d2c326 | since=2026-11-21 10:05:00.000",
        ], LogSample.Table(result));

        var deduped = LogFixtures.Run("filter event = \"allowlist_rejected\" | sort @timestamp desc | dedup email_hash | display email_hash, source", "portal", "triggers");
        Assert.Equal(["email_hash=d0574c4966d2c326 | source=portal", "email_hash=c9c47fe828a00115 | source=portal"], LogSample.Table(deduped));
    }

    [Fact]
    public void Sort_follows_the_documented_natural_order_numbers_after_text()
    {
        var result = LogFixtures.Run("filter event = \"http_request\" | fields path | sort path asc");

        Assert.Equal(
            ["path=/connectors", "path=/connectors", "path=/health", "path=/notifications", "path=/ops/logs/top-errors"],
            LogSample.Table(result));
        // The example of AWS's sort page (CWL_QuerySyntax-Sort), ascending.
        string[] documented = ["!:", "#", "*%04", "0#", "5A", "111A", "2345_", "@", "@_", "A", "A9876fghj", "a12345hfh", "0", "01", "1", "2", "3"];
        var shuffled = documented.Reverse().Select(Value.Of).ToList();

        var sorted = shuffled.Order(Comparer<Value>.Create(ValueComparison.SortOrder)).Select(v => v.Text!).ToList();

        Assert.Equal(documented, sorted);
    }

    [Fact]
    public void Scalar_functions_compute_as_documented()
    {
        var result = LogFixtures.Run(
            "filter request_id = \"req-0001\" | fields "
            + "coalesce(nothing, user_id) as c, isempty(nothing) as e, isblank(\"  \") as b, trim(\"xyZfooxyZ\", \"xyZ\") as t, "
            + "replace(path, \"o\", \"0\") as r, abs(-2.5) as a, floor(duration_ms / 10) as f, ceil(1.2) as ce, greatest(1, duration_ms, 3) as g, "
            + "datefloor(@timestamp, 1h) as hour, toMillis(@timestamp) as ms, fromMillis(0) as epoch, strcontains(path, \"conn\") as has");

        Assert.Equal(
            ["c=u-17 | e=true | b=true | t=foo | r=/c0nnect0rs | a=2.5 | f=8 | ce=2 | g=85 | hour=2026-11-21 10:00:00.000 | ms=1795255205120 | epoch=1970-01-01 00:00:00.000 | has=1"],
            LogSample.Table(result));
    }

    [Fact]
    public void Aggregates_sum_avg_min_max_stddev_and_count_of_a_field()
    {
        var result = LogFixtures.Run(
            "filter event = \"http_request\" | stats count(*) as n, count(user_id) as with_user, sum(duration_ms) as total, avg(duration_ms) as mean, "
            + "min(duration_ms) as fastest, max(path) as last_path, stddev(status) as sd");

        // Durations 85, 1450, 2300, 1001, 1000; the /health request has no user_id; statuses 200, 201, 200, 200, 200.
        var row = Assert.Single(LogSample.Table(result));
        Assert.StartsWith("n=5 | with_user=4 | total=5836 | mean=1167.2 | fastest=85 | last_path=/ops/logs/top-errors | sd=", row);
        Assert.Equal(Math.Sqrt(0.2), double.Parse(row[(row.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void After_stats_a_sort_can_name_an_unaliased_aggregate_and_a_second_stats_regroups()
    {
        var sorted = LogFixtures.Run("filter event = \"mcp_tool_call\" | stats count(*) by tool | sort count(*) desc | limit 1", "mcp");
        Assert.Equal(["tool=search | count(*)=5"], LogSample.Table(sorted));

        var regrouped = LogFixtures.Run("filter event = \"mcp_tool_call\" | stats count(*) as calls by tool, status | stats sum(calls) as total, count(*) as combos by status", "mcp");
        Assert.Equal(["status=ok | total=7 | combos=3", "status=error | total=2 | combos=2"], LogSample.Table(regrouped));
    }

    [Fact]
    public void Result_limit_caps_rows_like_the_request_limit_does_in_aws()
    {
        var engine = new LocalLogEngine(LogSample.Directory);

        var result = engine.Run(new LogsQueryRequest("fields @timestamp", ["portal"], LogSample.Start, LogSample.End, Limit: 3));

        Assert.Equal(3, result.Rows.Count);
        Assert.Equal(12, result.Statistics.RecordsMatched);
    }

    [Fact]
    public void A_query_with_a_newer_command_is_refused_locally_with_the_reason()
    {
        var engine = new LocalLogEngine(LogSample.Directory);

        var error = Assert.Throws<LogsQueryException>(() =>
            engine.Run(new LogsQueryRequest("fields @message | pattern @message", ["portal"], LogSample.Start, LogSample.End)));

        Assert.Equal(LogsQueryException.NotSupportedLocally, error.Code);
        Assert.Contains("`pattern` is not understood by the local engine", error.Message);
    }

    [Fact]
    public void Sorting_a_large_file_holds_only_as_many_rows_as_the_limit()
    {
        var directory = Directory.CreateTempSubdirectory("autri-logs-").FullName;
        try
        {
            var start = DateTimeOffset.Parse("2026-11-21T00:00:00Z");
            using (var writer = new StreamWriter(Path.Combine(directory, "portal.jsonl")))
            {
                for (var i = 0; i < 200_000; i++)
                {
                    var duration = (i * 7919) % 200_000;
                    writer.WriteLine($$"""{"time":"{{start.AddMilliseconds(i):O}}","level":"info","event":"http_request","duration_ms":{{duration}},"request_id":"r{{i}}"}""");
                }
            }
            var diagnostics = new EngineDiagnostics();
            var request = new LogsQueryRequest("fields request_id, duration_ms | sort duration_ms desc | limit 10", ["portal"], start, start.AddDays(1));

            var result = new LocalLogEngine(directory).Run(LocalLogEngine.Prepare(request), request, null, CancellationToken.None, diagnostics);

            Assert.Equal(10, diagnostics.SortRowsHeld);
            Assert.Equal(Enumerable.Range(199_990, 10).Reverse().Select(d => d.ToString()), result.Rows.Select(r => r.Single(f => f.Field == "duration_ms").Value));
            Assert.Equal(200_000, result.Statistics.RecordsScanned);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_cancelled_run_stops_with_operation_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new LocalLogEngine(LogSample.Directory).Run(
                new LogsQueryRequest("stats count(*)", ["portal"], LogSample.Start, LogSample.End), null, cancel.Token));
    }

    [Fact]
    public void Progress_reports_the_final_statistics()
    {
        var reports = new List<LogsQueryStatistics>();

        var result = new LocalLogEngine(LogSample.Directory).Run(
            new LogsQueryRequest("stats count(*)", ["mcp"], LogSample.Start, LogSample.End), new SyncProgress(reports.Add));

        Assert.Equal(result.Statistics, reports[^1]);
        Assert.Equal(14, result.Statistics.RecordsScanned);
    }

    [Fact]
    public void While_a_query_runs_the_rows_produced_so_far_can_be_read()
    {
        var directory = Directory.CreateTempSubdirectory("autri-logs-").FullName;
        try
        {
            var start = DateTimeOffset.Parse("2026-11-21T00:00:00Z");
            File.WriteAllLines(Path.Combine(directory, "mcp.jsonl"), Enumerable.Range(0, 120_000).Select(i =>
                $$"""{"time":"{{start.AddMilliseconds(i):O}}","event":"mcp_tool_call","tool":"search","latency_ms":{{i}}}"""));
            var diagnostics = new EngineDiagnostics();
            var seen = new List<int>();
            // Progress is reported from the scanning thread as line 50,000 (100,000) is read, before that line is
            // evaluated: a deterministic "mid-run" that has seen 49,999 (99,999) lines.
            var progress = new SyncProgress(_ => seen.Add(diagnostics.Partial().Rows.Count));
            var request = new LogsQueryRequest("filter latency_ms >= 40000 | fields latency_ms", ["mcp"], start, start.AddDays(1), Limit: 100_000);

            var result = new LocalLogEngine(directory).Run(LocalLogEngine.Prepare(request), request, progress, CancellationToken.None, diagnostics);

            Assert.Equal([9_999, 59_999, 80_000], seen);
            Assert.Equal(80_000, result.Rows.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class SyncProgress(Action<LogsQueryStatistics> report) : IProgress<LogsQueryStatistics>
    {
        public void Report(LogsQueryStatistics value) => report(value);
    }
}
