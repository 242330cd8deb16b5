using static Autri.Portal.Tests.Features.Ops.Logs.LogsTestSupport;

namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>The Logs pages in Aws mode, against the strict CloudWatch Logs fake.</summary>
public class AwsModeLogsTests(AwsModePortal portal) : IClassFixture<AwsModePortal>
{
    private const string StartQuery = "Logs_20140328.StartQuery";

    /// <summary>StartQuery calls for this query text (other tests' runs may still be starting in the background).</summary>
    private int StartQueryCallsFor(string query) => portal.Aws.Calls.Count(c =>
        c.Target == StartQuery && c.Body.TryGetProperty("queryString", out var q) && q.GetString() == query);

    [Fact]
    public async Task A_run_links_to_the_same_query_range_and_log_groups_in_the_CloudWatch_console()
    {
        using var admin = await SignInAdminAsync(portal.Url);

        var (_, page) = await GetAsync(admin.Client, portal.Url + "/ops/logs/error-rate?range=6h");
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Open in CloudWatch")).GetAttribute("href")!;
        var detail = CloudWatchConsoleLink.ReadQueryDetail(link);
        await WaitForFinalAsync(admin.Client, portal.Url, RunIdOf(page));

        Assert.StartsWith($"https://{AwsModePortal.Region}.console.aws.amazon.com/cloudwatch/home?region={AwsModePortal.Region}#logsV2:logs-insights", link);
        Assert.Equal("_blank", page.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == link).GetAttribute("target"));
        Assert.Equal(["/autri/beta/portal", "/autri/beta/mcp"], Assert.IsType<List<object?>>(detail["source"]).Cast<string>());
        Assert.Contains("sum(failed) / count(*) * 100 as error_pct by bin(5m)", (string)detail["editorString"]!);
        Assert.Equal("ABSOLUTE", detail["timeType"]);
        var started = portal.Aws.Logs.Started.Single(s => s.QueryString == (string)detail["editorString"]!);
        Assert.Equal(DateTimeOffset.Parse((string)detail["start"]!).ToUnixTimeSeconds(), started.StartTime);
        Assert.Equal(DateTimeOffset.Parse((string)detail["end"]!).ToUnixTimeSeconds(), started.EndTime);
    }

    [Fact]
    public async Task Opening_the_same_runbook_link_twice_within_a_minute_sends_one_StartQuery()
    {
        using var admin = await SignInAdminAsync(portal.Url);

        var (_, first) = await GetAsync(admin.Client, portal.Url + "/ops/logs/auth-failures?range=1h");
        var (_, second) = await GetAsync(admin.Client, portal.Url + "/ops/logs/auth-failures?range=1h");
        // The worker sends StartQuery after the page answered: count once the run is over, and only this query's.
        await WaitForFinalAsync(admin.Client, portal.Url, RunIdOf(first));

        Assert.Equal(RunIdOf(first), RunIdOf(second));
        Assert.Single(portal.Aws.Logs.Started, s => s.QueryString.Contains("mcp_auth_failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_running_query_is_polled_live_and_Cancel_sends_StopQuery()
    {
        using var admin = await SignInAdminAsync(portal.Url);
        portal.Aws.Logs.EnqueueScript(new QueryPoll("Running", RecordsScanned: 1234, BytesScanned: 5 * 1024 * 1024));

        var (_, page) = await RunAdHocAsync(admin.Client, portal.Url, $"/ops/logs/query?q={Url("fields @message | limit 7")}&groups=portal&range=15m");
        var id = RunIdOf(page);
        var running = await WaitForStatusAsync(admin.Client, portal.Url, id, d => Status(d) == "Running");
        var form = running.QuerySelector("form[action$='/cancel']")!;
        var cancel = await admin.Client.PostAsync(portal.Url + form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(running),
        }));
        var cancelled = await WaitForFinalAsync(admin.Client, portal.Url, id);

        var region = running.QuerySelector("#run-status")!;
        Assert.Equal($"/ops/logs/runs/{id}/status", region.GetAttribute("hx-get"));
        Assert.Equal("every 1s", region.GetAttribute("hx-trigger"));
        Assert.Equal("1,234", running.QuerySelector("[data-stat=scanned]")!.TextContent);
        Assert.Equal("5 MiB", running.QuerySelector("[data-stat=bytes]")!.TextContent);
        Assert.StartsWith("$0.0000244", running.QuerySelector("[data-stat=cost]")!.TextContent.Trim());
        Assert.Equal($"/ops/logs/runs/{id}", running.QuerySelector("a.btn-link")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal($"/ops/logs/runs/{id}", cancel.Headers.Location!.ToString());
        Assert.Equal("Cancelled", Status(cancelled));
        Assert.Null(cancelled.QuerySelector("#run-status")!.GetAttribute("hx-trigger"));
        var started = portal.Aws.Logs.Started.Single(s => s.QueryString == "fields @message | limit 7");
        Assert.Contains(portal.Aws.Calls, c => c.Operation == "StopQuery" && c.Body.GetProperty("queryId").GetString() == started.QueryId);
    }

    [Fact]
    public async Task Cancel_without_the_antiforgery_token_is_refused()
    {
        using var admin = await SignInAdminAsync(portal.Url);
        portal.Aws.Logs.EnqueueScript(new QueryPoll("Running"));
        var (_, page) = await RunAdHocAsync(admin.Client, portal.Url, $"/ops/logs/query?q={Url("fields @message | limit 8")}&groups=portal&range=15m");
        var id = RunIdOf(page);

        var refused = await admin.Client.PostAsync($"{portal.Url}/ops/logs/runs/{id}/cancel", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await using var conn = await portal.Db.OpenConnectionAsync();
        Assert.False(await conn.ExecuteScalarAsync<bool>("SELECT cancel_requested FROM log_query_runs WHERE id = @id", new { id }));
        await conn.ExecuteAsync("UPDATE log_query_runs SET cancel_requested = true WHERE id = @id", new { id });
    }

    [Fact]
    public async Task While_CloudWatch_has_no_free_slot_the_page_says_it_is_waiting_for_one()
    {
        using var admin = await SignInAdminAsync(portal.Url);
        portal.Aws.Failures.Enqueue(StartQuery, "LimitExceededException", 400, 100_000);
        try
        {
            var (_, page) = await RunAdHocAsync(admin.Client, portal.Url, $"/ops/logs/query?q={Url("fields @message | limit 9")}&groups=mcp&range=15m");
            var id = RunIdOf(page);
            var waiting = await WaitForStatusAsync(admin.Client, portal.Url, id, d => d.QuerySelector("[data-waiting=aws]") is not null);
            portal.Aws.Failures.Clear();
            var done = await WaitForFinalAsync(admin.Client, portal.Url, id);

            Assert.Contains("Waiting for a query slot", waiting.QuerySelector("[data-waiting=aws]")!.TextContent);
            Assert.Contains("LimitExceededException", waiting.QuerySelector("[data-waiting=aws]")!.TextContent);
            Assert.Equal("Complete", Status(done));
        }
        finally
        {
            portal.Aws.Failures.Clear();
        }
    }

    [Fact]
    public async Task A_syntax_error_is_shown_and_never_reaches_CloudWatch()
    {
        using var admin = await SignInAdminAsync(portal.Url);
        const string query = "fields @message\n| stats count(*) by";

        var (status, page) = await RunAdHocAsync(admin.Client, portal.Url, $"/ops/logs/query?q={Url(query)}&groups=portal&range=1h");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("2", page.QuerySelector("[data-syntax-error]")!.GetAttribute("data-line"));
        Assert.Equal(0, StartQueryCallsFor(query));
    }

    [Fact]
    public async Task An_unknown_newer_command_goes_to_CloudWatch_as_written_with_a_notice()
    {
        using var admin = await SignInAdminAsync(portal.Url);
        const string query = "fields @message | pattern @message";

        var link = $"/ops/logs/query?q={Url(query)}&groups=triggers&range=1h";

        var (_, editor) = await GetAsync(admin.Client, portal.Url + link);
        var (_, page) = await RunAdHocAsync(admin.Client, portal.Url, link);
        var done = await WaitForFinalAsync(admin.Client, portal.Url, RunIdOf(page));

        Assert.Contains("Sent to CloudWatch as written", editor.QuerySelector("[data-notices]")!.TextContent);
        Assert.Equal("Complete", Status(done));
        Assert.Contains(portal.Aws.Logs.Started, s => s.QueryString == query);
    }

    [Fact]
    public async Task More_than_50_log_groups_are_refused_before_anything_is_sent()
    {
        using var admin = await SignInAdminAsync(portal.Url);
        const string query = "fields @message, @logStream";

        var (status, page) = await RunAdHocAsync(admin.Client, portal.Url, $"/ops/logs/query?q={Url(query)}&groups=many&range=1h");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 50 log groups", page.QuerySelector("[data-refused]")!.TextContent);
        Assert.Equal(0, StartQueryCallsFor(query));
    }

    [Fact]
    public async Task Opening_an_ad_hoc_link_sends_nothing_and_says_what_running_it_would_scan_and_cost()
    {
        using var admin = await SignInAdminAsync(portal.Url);
        var query = $"fields @message | filter @message like /{Guid.NewGuid():N}/";
        var link = $"/ops/logs/query?q={Url(query)}&groups=triggers&range=1h";
        portal.Aws.Logs.EnqueueScript(new QueryPoll("Complete", RecordsScanned: 100, BytesScanned: 3 * 1024 * 1024));

        var (status, opened) = await GetAsync(admin.Client, portal.Url + link);
        var (_, again) = await GetAsync(admin.Client, portal.Url + link);
        var (_, run) = await RunAdHocAsync(admin.Client, portal.Url, link);
        await WaitForFinalAsync(admin.Client, portal.Url, RunIdOf(run));
        var (_, afterRun) = await GetAsync(admin.Client, portal.Url + link);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(opened.QuerySelector("[data-run-id]"));
        Assert.Contains("Nothing has run yet", opened.QuerySelector("[data-estimate]")!.TextContent);
        Assert.NotNull(again.QuerySelector("[data-estimate]"));
        Assert.Equal(1, StartQueryCallsFor(query));
        Assert.Equal("known", afterRun.QuerySelector("[data-estimate]")!.GetAttribute("data-estimate"));
        Assert.StartsWith("$", afterRun.QuerySelector("[data-estimate-cost]")!.TextContent.Trim());
        await using var conn = await portal.Db.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM log_query_runs WHERE query = @query", new { query }));
    }

    [Fact]
    public async Task Running_an_ad_hoc_query_needs_the_forms_antiforgery_token()
    {
        using var admin = await SignInAdminAsync(portal.Url);
        var query = $"fields @message | filter @message like /{Guid.NewGuid():N}/";

        var refused = await admin.Client.PostAsync(portal.Url + "/ops/logs/query", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "adhoc-query", ["Draft.Q"] = query, ["Draft.Groups"] = "portal", ["Draft.Range"] = "1h", ["Draft.Intent"] = "run",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, StartQueryCallsFor(query));
    }
}
