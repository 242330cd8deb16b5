namespace Autri.Portal.Features.Ops.Logs;

/// <summary>The Logs pages' non-page routes: the live status region (htmx), the CSV download, cancel.</summary>
public static class LogsEndpoints
{
    public static void MapOpsLogs(this WebApplication app)
    {
        var runs = app.MapGroup("/ops/logs/runs").RequireAuthorization(AuthSetup.AdminPolicy);
        runs.MapGet("/{id:guid}/status", Status);
        runs.MapGet("/{id:guid}.csv", Csv);
        runs.MapPost("/{id:guid}/cancel", Cancel).RequireAntiforgery().DisableAntiforgery();
        app.MapPost(LogsPaths.Confirm, Confirm).RequireAuthorization(AuthSetup.AdminPolicy).RequireAntiforgery().DisableAntiforgery();
    }

    /// <summary>The status region alone, for htmx to swap in; it carries the results once the run is complete.</summary>
    private static async Task<Results<RazorComponentResult<RunStatusRegion>, NotFound>> Status(
        Guid id, string? sort, string? dir, int? page, string? measure, HttpContext http, LogsFeature feature, LogRunner runner)
    {
        var run = await runner.GetAsync(id, http.RequestAborted);
        if (run is null) return TypedResults.NotFound();
        var results = run.Status == LogRunStatus.Complete ? await runner.GetResultsAsync(id, http.RequestAborted) : null;
        var saved = run.SavedQuery is { } slug ? feature.Catalog?.Find(slug) : null;
        http.Response.NeverStore();
        return new RazorComponentResult<RunStatusRegion>(new Dictionary<string, object?>
        {
            [nameof(RunStatusRegion.Run)] = results?.Run ?? run,
            [nameof(RunStatusRegion.Results)] = results,
            [nameof(RunStatusRegion.Declared)] = saved?.Chart,
            [nameof(RunStatusRegion.View)] = ResultView.From(sort, dir, page, measure),
            [nameof(RunStatusRegion.ChartTitle)] = saved?.Title ?? "Ad hoc query",
        });
    }

    private static async Task<Results<FileContentHttpResult, NotFound, Conflict<string>>> Csv(Guid id, string? sort, string? dir, HttpContext http, LogRunner runner)
    {
        var results = await runner.GetResultsAsync(id, http.RequestAborted);
        if (results is null) return TypedResults.NotFound();
        if (results.Run.Status != LogRunStatus.Complete) return TypedResults.Conflict("The run has no results yet: it is " + results.Run.Status + ".");
        var run = results.Run;
        var keep = Enumerable.Range(0, run.Columns.Count).Where(i => run.Columns[i] != ResultTable.PointerColumn).ToList();
        var rows = ResultSort.Apply(run.Columns, results.Rows, sort, string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase))
            .Select(r => (IReadOnlyList<string?>)keep.Select(i => i < r.Count ? r[i] : null).ToList());
        var csv = ResultCsv.Write(keep.Select(i => run.Columns[i]).ToList(), rows);
        var name = $"{run.SavedQuery ?? "logs-query"}-{run.Start.UtcDateTime:yyyyMMdd'T'HHmm'Z'}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
    }

    /// <summary>
    /// "Run it anyway" for a range over Logs:MaxRangeDays: the same checks as the pages, confirmed, then the run's
    /// page (post/redirect/get). Refusals here are rare (the question was checked when the form was shown).
    /// </summary>
    private static async Task<Results<RedirectHttpResult, NotFound, ContentHttpResult>> Confirm(
        HttpContext http, LogsFeature feature, LogRunner runner, LogGroupMap groupMap, TimeProvider time)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var slug = form["slug"].ToString();
        var saved = slug.Length > 0 ? feature.Catalog?.Find(slug) : null;
        if (slug.Length > 0 && saved is null) return TypedResults.NotFound();
        var query = saved?.Query ?? form["q"].ToString();
        var groups = saved?.LogGroups ?? form["groups"].Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g!).ToList();
        var fallback = saved?.DefaultRange ?? (Domain.Logs.QueryRange.TryParse("1h", out var hour) ? hour : null!);
        var window = RangeRequest.Resolve(null, form["start"], form["end"], fallback, time.GetUtcNow(), out var rangeError);
        if (window is null || query.Length == 0 || groups.Count == 0)
            return NotRun(rangeError ?? "the query and its log groups are required.", StatusCodes.Status400BadRequest);
        var launch = await LogsLaunchPage.RunAsync(feature, runner, groupMap, query, groups, window, saved?.Slug, http.User, confirmed: true);
        return launch switch
        {
            LogsLaunch.Started started => TypedResults.Redirect(LogsPaths.Run(started.Start.Run.Id)),
            LogsLaunch.Refused { Unavailable: true } refused => NotRun(refused.Message, StatusCodes.Status503ServiceUnavailable),
            LogsLaunch.Refused refused => NotRun(refused.Message, StatusCodes.Status400BadRequest),
            _ => throw new InvalidOperationException("A confirmed launch neither started nor was refused: " + launch.GetType().Name),
        };
    }

    private static ContentHttpResult NotRun(string why, int status) => TypedResults.Text("Not run: " + why, "text/plain", statusCode: status);

    /// <summary>Asks the run's owner (whichever instance) to send StopQuery, then shows the run (post/redirect/get).</summary>
    private static async Task<Results<RedirectHttpResult, NotFound>> Cancel(Guid id, HttpContext http, LogRunner runner)
    {
        if (await runner.GetAsync(id, http.RequestAborted) is null) return TypedResults.NotFound();
        await runner.CancelAsync(id, http.RequestAborted);
        return TypedResults.Redirect(LogsPaths.Run(id));
    }
}
