namespace Autri.Logs.Engine.Tests;

/// <summary>Every saved query of ops/queries over the recorded sample, with results worked out by hand.</summary>
public class SavedQueriesRunLocallyTests
{
    [Fact]
    public void Every_saved_query_has_a_test_here()
    {
        Assert.Equal(
            ["allowlist-rejections", "auth-failures", "error-rate", "mcp-tool-calls", "slow-requests", "top-errors"],
            LogFixtures.SavedQueries.All.Select(q => q.Slug));
    }

    [Fact]
    public void Allowlist_rejections_group_by_email_hash_and_source_most_attempts_first()
    {
        var result = LogFixtures.RunSaved("allowlist-rejections");

        Assert.Equal(["email_hash", "source", "attempts", "last_attempt"], result.Columns);
        Assert.Equal(
        [
            "email_hash=d0574c4966d2c326 | source=portal | attempts=2 | last_attempt=2026-11-21 10:15:00.000",
            "email_hash=c9c47fe828a00115 | source=portal | attempts=1 | last_attempt=2026-11-21 10:00:30.000",
            "email_hash=d0574c4966d2c326 | source=trigger | attempts=1 | last_attempt=2026-11-21 10:05:00.000",
        ], LogSample.Table(result));
    }

    [Fact]
    public void Auth_failures_count_per_connector_and_reason()
    {
        var result = LogFixtures.RunSaved("auth-failures");

        Assert.Equal(["connector_id", "reason", "failures"], result.Columns);
        Assert.Equal(
        [
            "connector_id=c-1 | reason=expired | failures=2",
            "connector_id=c-2 | reason=revoked | failures=1",
            "connector_id=c-1 | reason=bad_signature | failures=1",
        ], LogSample.Table(result));
    }

    [Fact]
    public void Error_rate_is_failed_requests_over_requests_per_five_minute_bin()
    {
        var result = LogFixtures.RunSaved("error-rate");

        Assert.Equal(["bin(5m)", "requests", "failures", "error_pct"], result.Columns);
        // 10:00: three portal requests and four tool calls, one failed (10:03); 10:05: four, none failed; 10:10: the failed
        // call at 10:10 and one more; 10:20: one portal request. The failed call at 09:00 is before the range.
        Assert.Equal(
        [
            "bin(5m)=2026-11-21 10:00:00.000 | requests=7 | failures=1 | error_pct=14.285714285714285",
            "bin(5m)=2026-11-21 10:05:00.000 | requests=4 | failures=0 | error_pct=0",
            "bin(5m)=2026-11-21 10:20:00.000 | requests=1 | failures=0 | error_pct=0",
            "bin(5m)=2026-11-21 10:10:00.000 | requests=2 | failures=1 | error_pct=50",
        ], LogSample.Table(result));
    }

    [Fact]
    public void Error_rate_counts_a_portal_5xx_and_a_failed_tool_call_as_failures_and_nothing_else()
    {
        var dir = Directory.CreateTempSubdirectory("autri-error-rate-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(dir, "portal.jsonl"),
            [
                """{"time":"2026-11-21T10:00:01.000Z","level":"info","message":"GET / -> 200","event":"http_request","status":200}""",
                """{"time":"2026-11-21T10:00:02.000Z","level":"info","message":"GET /x -> 503","event":"http_request","status":503}""",
                """{"time":"2026-11-21T10:00:03.000Z","level":"info","message":"GET /y -> 404","event":"http_request","status":404}""",
                """{"time":"2026-11-21T10:00:04.000Z","level":"error","message":"Something failed","status":500}""",
            ]);
            File.WriteAllLines(Path.Combine(dir, "mcp.jsonl"),
            [
                """{"time":"2026-11-21T10:01:00.000Z","level":"info","message":"search ok","event":"mcp_tool_call","status":"ok"}""",
                """{"time":"2026-11-21T10:01:01.000Z","level":"info","message":"search error","event":"mcp_tool_call","status":"error"}""",
            ]);
            var saved = LogFixtures.SavedQueries.Find("error-rate")!;
            var result = new LocalLogEngine(dir).Run(new LogsQueryRequest(saved.Query, saved.LogGroups,
                new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 10, 5, 0, TimeSpan.Zero)));

            // Five requests (three portal, two tool calls); the 503 and the failed call fail, the 404 does not, and an
            // error line that is not a request counts in neither.
            Assert.Equal(["bin(5m)=2026-11-21 10:00:00.000 | requests=5 | failures=2 | error_pct=40"], LogSample.Table(result));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Mcp_tool_calls_give_calls_error_share_and_nearest_rank_percentiles_per_tool()
    {
        var result = LogFixtures.RunSaved("mcp-tool-calls");

        // search: 80, 95, 120, 200 (error), 310 -> p50 is the 3rd value, p95 the 5th; 1 error in 5 calls.
        // get_document: 40, 60, 1500 (error) -> p50 the 2nd, p95 the 3rd; 1 error in 3 calls.
        Assert.Equal(["tool", "calls", "error_pct", "p50_ms", "p95_ms"], result.Columns);
        Assert.Equal(
        [
            "tool=search | calls=5 | error_pct=20 | p50_ms=120 | p95_ms=310",
            "tool=get_document | calls=3 | error_pct=33.33333333333333 | p50_ms=60 | p95_ms=1500",
            "tool=list_libraries | calls=1 | error_pct=0 | p50_ms=30 | p95_ms=30",
        ], LogSample.Table(result));
    }

    [Fact]
    public void Slow_requests_lists_requests_over_one_second_slowest_first_with_a_pointer_each()
    {
        var result = LogFixtures.RunSaved("slow-requests");

        Assert.Equal(["@timestamp", "method", "path", "status", "duration_ms", "request_id"], result.Columns);
        Assert.Equal(
        [
            "@timestamp=2026-11-21 10:04:59.999 | method=GET | path=/ops/logs/top-errors | status=200 | duration_ms=2300 | request_id=req-0004",
            "@timestamp=2026-11-21 10:01:10.000 | method=POST | path=/connectors | status=201 | duration_ms=1450 | request_id=req-0002",
            "@timestamp=2026-11-21 10:07:45.000 | method=GET | path=/notifications | status=200 | duration_ms=1001 | request_id=req-0006",
        ], LogSample.Table(result));
        Assert.All(result.Rows, row => Assert.Equal("@ptr", row[^1].Field));
        Assert.Equal(3, result.Rows.Select(r => r[^1].Value).Distinct().Count());
    }

    [Fact]
    public void Top_errors_fold_numbers_so_repeats_group_together()
    {
        var result = LogFixtures.RunSaved("top-errors");

        Assert.Equal(["normalized", "occurrences", "last_seen"], result.Columns);
        Assert.Equal(
        [
            "normalized=Connector  | occurrences=3 | last_seen=2026-11-21 10:06:00.000",
            "normalized=Database timeout after  | occurrences=1 | last_seen=2026-11-21 10:12:00.000",
            "normalized=Upstream  | occurrences=1 | last_seen=2026-11-21 10:30:00.000",
            "normalized=Post-confirmation failed for user  | occurrences=1 | last_seen=2026-11-21 10:09:00.000",
        ], LogSample.Table(result));
    }
}
