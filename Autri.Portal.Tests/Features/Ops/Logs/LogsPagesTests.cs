using static Autri.Portal.Tests.Features.Ops.Logs.LogsTestSupport;

namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>The Logs pages in local mode: the real portals of the stack, the local engine over JSON-lines files.</summary>
[Collection(PortalCollection.Name)]
public class LogsPagesTests(PortalStack stack)
{
    private string Portal => stack.Portal.Url;

    /// <summary>A log group of this test's own (a file the local engine reads), with lines at now - minutes ago.</summary>
    private string Group(params (int MinutesAgo, string Level, string Message, int N)[] lines)
    {
        var group = "t" + Guid.NewGuid().ToString("N")[..12];
        var now = DateTimeOffset.UtcNow;
        Append(stack.LogsDirectory, group, lines.Select(l => (object)new
        {
            time = Iso(now.AddMinutes(-l.MinutesAgo)), level = l.Level, logger = "Test", message = l.Message, n = l.N, name = "item-" + l.N,
        }));
        return group;
    }

    [Fact]
    public async Task The_index_lists_every_saved_query_with_links_that_run_it()
    {
        using var admin = await SignInAdminAsync(Portal);

        var (status, page) = await GetAsync(admin.Client, Portal + "/ops/logs");

        Assert.Equal(HttpStatusCode.OK, status);
        var hrefs = page.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/ops/logs/top-errors?range=24h", hrefs);
        Assert.Contains("/ops/logs/error-rate?range=15m", hrefs);
        Assert.Equal(6, page.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("/ops/logs/query", page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_runbook_link_runs_the_saved_query_and_the_table_shows_the_errors_once_complete()
    {
        var token = Token();
        Append(stack.LogsDirectory, $"portal.{token}", Enumerable.Range(0, 3).Select(i => (object)new
        {
            time = Iso(DateTimeOffset.UtcNow.AddMinutes(-5 - i)), level = "error", logger = "Test", message = $"Payment gateway {token} failed for order {i}",
        }));
        using var admin = await SignInAdminAsync(Portal);

        var (status, page) = await GetAsync(admin.Client, Portal + "/ops/logs/top-errors?range=2h");
        var region = await WaitForFinalAsync(admin.Client, Portal, RunIdOf(page));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Top errors", page.QuerySelector("h1")!.TextContent);
        Assert.EndsWith("/ops/logs/top-errors?range=2h", page.QuerySelector("#runbook-link")!.GetAttribute("value"));
        Assert.Equal("Complete", Status(region));
        Assert.Null(region.QuerySelector("#run-status")!.GetAttribute("hx-trigger"));
        Assert.Equal(["normalized", "occurrences", "last_seen"], region.QuerySelectorAll("table.result-table thead th a").Select(a => a.ChildNodes[0].TextContent.Trim()));
        var row = region.QuerySelectorAll("table.result-table tbody tr").Single(r => r.TextContent.Contains(token));
        Assert.Equal("3", row.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Contains("Records scanned", region.QuerySelector(".run-statistics")!.TextContent);
        Assert.Null(region.QuerySelector("figure svg"));
    }

    [Fact]
    public async Task The_same_link_on_the_other_instance_within_a_minute_reuses_the_run()
    {
        using var first = await SignInAdminAsync(Portal);
        using var second = await SignInAdminAsync(stack.SecondPortal.Url);
        var url = "/ops/logs/slow-requests?range=3h";

        var (_, a) = await GetAsync(first.Client, Portal + url);
        var (_, b) = await GetAsync(second.Client, stack.SecondPortal.Url + url);

        Assert.Equal(RunIdOf(a), RunIdOf(b));
        Assert.Null(a.QuerySelector("[data-reused]"));
        Assert.NotNull(b.QuerySelector("[data-reused]"));
        await using var conn = await stack.Db.OpenConnectionAsync();
        var hash = await conn.ExecuteScalarAsync<string>("SELECT query_hash FROM log_query_runs WHERE id = @id", new { id = RunIdOf(a) });
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM log_query_runs WHERE query_hash = @hash", new { hash }));
        Assert.Equal("Complete", Status(await WaitForFinalAsync(second.Client, stack.SecondPortal.Url, RunIdOf(a))));
    }

    [Fact]
    public async Task Results_are_sorted_on_the_server_and_the_CSV_follows_the_sort_with_proper_escaping()
    {
        var group = Group((3, "info", "plain", 2), (2, "info", "has, a comma and \"quotes\"", 10), (1, "info", "=HYPERLINK(\"http://evil\")", 1));
        using var admin = await SignInAdminAsync(Portal);
        var (_, page) = await RunAdHocAsync(admin.Client, Portal, $"/ops/logs/query?q={Url("fields n, message | sort n asc")}&groups={group}&range=1h");
        var id = RunIdOf(page);
        await WaitForFinalAsync(admin.Client, Portal, id);

        var (_, sorted) = await GetAsync(admin.Client, $"{Portal}/ops/logs/runs/{id}?sort=n&dir=desc");
        var csv = await admin.Client.GetAsync($"{Portal}/ops/logs/runs/{id}.csv?sort=n&dir=desc");
        var text = await csv.Content.ReadAsStringAsync();

        Assert.Equal(["10", "2", "1"], sorted.QuerySelectorAll("table.result-table tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Equal("descending", sorted.QuerySelector("th[aria-sort=descending]")?.GetAttribute("aria-sort"));
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", csv.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Equal("n,message\r\n10,\"has, a comma and \"\"quotes\"\"\"\r\n2,plain\r\n1,\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n", text);
    }

    [Fact]
    public async Task A_syntax_error_is_shown_with_line_and_column_the_input_kept_and_nothing_run()
    {
        using var admin = await SignInAdminAsync(Portal);
        var query = "fields @timestamp, message\n| filter level = ";

        var (status, page) = await RunAdHocAsync(admin.Client, Portal, $"/ops/logs/query?q={Url(query)}&groups=portal&range=1h");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = page.QuerySelector("[data-syntax-error]")!;
        Assert.Equal("2", error.GetAttribute("data-line"));
        Assert.Contains("line 2, column", error.TextContent);
        Assert.Equal(query, page.QuerySelector("textarea#q")!.TextContent);
        Assert.Equal("true", page.QuerySelector("textarea#q")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("[data-run-id]"));
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM log_query_runs WHERE query = @query", new { query }));
    }

    [Fact]
    public async Task An_unknown_newer_command_gets_a_notice_and_the_local_engine_says_it_cannot_run_it()
    {
        using var admin = await SignInAdminAsync(Portal);

        var link = $"/ops/logs/query?q={Url("fields @message | pattern @message")}&groups=portal&range=15m";

        var (_, editor) = await GetAsync(admin.Client, Portal + link);
        var (_, page) = await RunAdHocAsync(admin.Client, Portal, link);
        var region = await WaitForFinalAsync(admin.Client, Portal, RunIdOf(page));

        Assert.Contains("pattern", editor.QuerySelector("[data-notices]")!.TextContent);
        Assert.Contains("local engine does not", editor.QuerySelector("[data-notices]")!.TextContent);
        Assert.Equal("Failed", Status(region));
        Assert.Contains("NotSupportedLocally", region.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task A_range_over_the_maximum_asks_for_confirmation_by_a_form_before_anything_runs()
    {
        using var admin = await SignInAdminAsync(Portal);
        var url = $"{Portal}/ops/logs/auth-failures?start=2026-01-01T00:00:00Z&end=2026-03-01T00:00:00Z";

        var (_, asked) = await GetAsync(admin.Client, url);
        var form = asked.QuerySelector("[data-needs-confirmation] form")!;
        var fields = form.QuerySelectorAll("input").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        var withoutToken = await admin.Client.PostAsync(Portal + form.GetAttribute("action"),
            new FormUrlEncodedContent(fields.Where(f => f.Key != "__RequestVerificationToken")));
        var confirmed = await admin.Client.PostAsync(Portal + form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        var runId = Guid.Parse(confirmed.Headers.Location!.ToString().Split('/').Last());

        Assert.Contains("more than 31", asked.QuerySelector("[data-needs-confirmation]")!.TextContent);
        Assert.Null(asked.QuerySelector("[data-run-id]"));
        Assert.Equal(("auth-failures", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"), (fields["slug"], fields["start"], fields["end"]));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("Complete", Status(await WaitForFinalAsync(admin.Client, Portal, runId)));
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM log_query_runs WHERE saved_query = 'auth-failures' AND range_start = '2026-01-01T00:00:00Z'"));
    }

    [Fact]
    public async Task An_ad_hoc_query_over_a_long_range_is_confirmed_with_its_query_and_groups()
    {
        using var admin = await SignInAdminAsync(Portal);
        var query = "fields @message\n| limit 3";

        var (_, asked) = await RunAdHocAsync(admin.Client, Portal, $"/ops/logs/query?q={Url(query)}&groups=portal&groups=mcp&start=2026-01-01T00:00Z&end=2026-02-15T00:00Z");
        var form = asked.QuerySelector("[data-needs-confirmation] form")!;
        var fields = form.QuerySelectorAll("input").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        var confirmed = await admin.Client.PostAsync(Portal + form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(["portal", "mcp"], fields.Where(f => f.Key == "groups").Select(f => f.Value));
        await using var conn = await stack.Db.OpenConnectionAsync();
        var stored = await conn.QuerySingleAsync<(string Query, string[] Groups)>(
            "SELECT query, log_groups FROM log_query_runs WHERE id = @id", new { id = Guid.Parse(confirmed.Headers.Location!.ToString().Split('/').Last()) });
        Assert.Equal(query, stored.Query);
        Assert.Equal(["portal", "mcp"], stored.Groups);
    }

    [Fact]
    public async Task Editing_an_ad_hoc_run_from_its_page_keeps_its_log_groups_and_time_range()
    {
        var group = Group((3, "info", "kept", 1));
        using var admin = await SignInAdminAsync(Portal);
        var query = "fields message\n| limit 5";

        var (_, page) = await RunAdHocAsync(admin.Client, Portal, $"/ops/logs/query?q={Url(query)}&groups={group}&groups=portal&range=1h");
        var id = RunIdOf(page);
        await WaitForFinalAsync(admin.Client, Portal, id);
        var (_, runPage) = await GetAsync(admin.Client, $"{Portal}/ops/logs/runs/{id}");
        var edit = runPage.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Edit this query").GetAttribute("href")!;
        var (_, editor) = await GetAsync(admin.Client, Portal + edit);

        Assert.Equal(query, editor.QuerySelector("textarea#q")!.TextContent);
        Assert.Equal(["portal", group], editor.QuerySelectorAll("input[name='Draft.Groups'][checked]").Select(i => i.GetAttribute("value")).Order(StringComparer.Ordinal));
        var start = runPage.QuerySelector(".run-panel time")!.GetAttribute("datetime")!;
        Assert.Equal(DateTimeOffset.Parse(start), DateTimeOffset.Parse(editor.QuerySelector("input#start")!.GetAttribute("value")!));
        Assert.False(string.IsNullOrEmpty(editor.QuerySelector("input#end")!.GetAttribute("value")));
        Assert.Null(editor.QuerySelector("[data-run-id]"));
    }

    [Fact]
    public async Task Hitting_the_10000_row_cap_is_said_on_the_page_and_the_table_pages_through_the_rows()
    {
        var group = "t" + Guid.NewGuid().ToString("N")[..12];
        var time = Iso(DateTimeOffset.UtcNow.AddMinutes(-2));
        Append(stack.LogsDirectory, group, Enumerable.Range(0, 10_050).Select(i => (object)new { time, level = "info", message = "m", n = i }));
        using var admin = await SignInAdminAsync(Portal);

        var (_, page) = await RunAdHocAsync(admin.Client, Portal, $"/ops/logs/query?q={Url("fields n")}&groups={group}&range=15m");
        var region = await WaitForFinalAsync(admin.Client, Portal, RunIdOf(page));

        Assert.Contains("at most 10,000 rows", region.QuerySelector("[data-row-cap]")!.TextContent);
        Assert.Equal(200, region.QuerySelectorAll("table.result-table tbody tr").Length);
        Assert.Contains("Rows 1–200 of 10,000", region.QuerySelector("nav[aria-label='Result pages']")!.TextContent);
    }

    [Fact]
    public async Task Stats_by_bin_draw_a_time_series_and_stats_by_field_draw_bars_with_the_table_as_fallback()
    {
        var group = Group((40, "error", "a", 1), (38, "error", "b", 1), (12, "error", "c", 2), (11, "warn", "d", 3));
        using var admin = await SignInAdminAsync(Portal);

        var (_, series) = await RunAdHocAsync(admin.Client, Portal, $"/ops/logs/query?q={Url("stats count(*) as events by bin(10m)")}&groups={group}&range=1h");
        var (_, bars) = await RunAdHocAsync(admin.Client, Portal, $"/ops/logs/query?q={Url("stats count(*) as events, sum(n) as total by level")}&groups={group}&range=1h");
        var timeChart = await WaitForFinalAsync(admin.Client, Portal, RunIdOf(series));
        var barChart = await WaitForFinalAsync(admin.Client, Portal, RunIdOf(bars));

        var line = timeChart.QuerySelector("figure svg[role=img]")!;
        Assert.Contains("events over time", line.QuerySelector("title")!.TextContent);
        Assert.NotNull(line.QuerySelector("polyline"));
        Assert.Equal(2, barChart.QuerySelectorAll("figure svg rect.chart-bar").Length);
        Assert.Equal(["events", "total"], barChart.QuerySelectorAll("nav[aria-label='Value to chart'] a").Select(a => a.TextContent));
        Assert.NotNull(barChart.QuerySelector("figure details table"));
    }

    [Fact]
    public async Task Local_mode_explains_that_the_CloudWatch_link_needs_an_AWS_account()
    {
        using var admin = await SignInAdminAsync(Portal);

        var (_, page) = await GetAsync(admin.Client, Portal + "/ops/logs/error-rate?range=6h");

        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.TextContent.Contains("Open in CloudWatch"));
        Assert.Contains("needs an AWS account", page.QuerySelector("[data-no-console-link]")!.TextContent);
        Assert.Contains("Logs:Region", page.QuerySelector("[data-no-console-link]")!.TextContent);
    }

    [Theory]
    [InlineData("/ops/logs/no-such-query", HttpStatusCode.NotFound)]
    [InlineData("/ops/logs/top-errors?range=forever", HttpStatusCode.BadRequest)]
    [InlineData("/ops/logs/top-errors?start=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/ops/logs/runs/00000000-0000-0000-0000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("/ops/logs/runs/00000000-0000-0000-0000-000000000000/status", HttpStatusCode.NotFound)]
    public async Task Unknown_queries_and_runs_and_bad_ranges_are_refused(string path, HttpStatusCode expected)
    {
        using var admin = await SignInAdminAsync(Portal);

        var (status, _) = await GetAsync(admin.Client, Portal + path);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Beta_users_cannot_reach_runs_their_status_or_their_CSV()
    {
        using var admin = await SignInAdminAsync(Portal);
        var (_, page) = await GetAsync(admin.Client, Portal + "/ops/logs/allowlist-rejections?range=1h");
        var id = RunIdOf(page);
        var email = await stack.InviteNewAsync("beta");
        using var beta = new HttpSignIn();
        await beta.SignInAsync(Portal, email);

        foreach (var path in new[] { $"/ops/logs/runs/{id}", $"/ops/logs/runs/{id}/status", $"/ops/logs/runs/{id}.csv" })
            Assert.Equal(HttpStatusCode.Forbidden, (await beta.Client.GetAsync(Portal + path)).StatusCode);
        // The gate answers 403; the portal's status pages re-execute a POST as a POST, which their antiforgery check turns into 400.
        var cancel = await beta.Client.PostAsync($"{Portal}/ops/logs/runs/{id}/cancel", new FormUrlEncodedContent([]));
        Assert.Contains(cancel.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.BadRequest });
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.False(await conn.ExecuteScalarAsync<bool>("SELECT cancel_requested FROM log_query_runs WHERE id = @id", new { id }));
    }
}
