using System.Text;
using Autri.Infra.Logs.Runner;
using Autri.Portal.Features.Auth;
using Autri.Portal.Web;
using Microsoft.AspNetCore.Http.HttpResults;

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
    }

    /// <summary>The status region alone, for htmx to swap in; it carries the results once the run is complete.</summary>
    private static async Task<IResult> Status(
        Guid id, string? sort, string? dir, int? page, string? measure, HttpContext http, LogsFeature feature, IServiceProvider services)
    {
        if (services.GetService<LogRunner>() is not { } runner) return Results.NotFound();
        var run = await runner.GetAsync(id, http.RequestAborted);
        if (run is null) return Results.NotFound();
        var results = run.Status == LogRunStatus.Complete ? await runner.GetResultsAsync(id, http.RequestAborted) : null;
        var saved = run.SavedQuery is { } slug ? feature.Catalog?.Find(slug) : null;
        http.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<RunStatusRegion>(new Dictionary<string, object?>
        {
            [nameof(RunStatusRegion.Run)] = results?.Run ?? run,
            [nameof(RunStatusRegion.Results)] = results,
            [nameof(RunStatusRegion.Declared)] = saved?.Chart,
            [nameof(RunStatusRegion.View)] = ResultView.From(sort, dir, page, measure),
            [nameof(RunStatusRegion.ChartTitle)] = saved?.Title ?? "Ad hoc query",
        });
    }

    private static async Task<IResult> Csv(Guid id, string? sort, string? dir, HttpContext http, IServiceProvider services)
    {
        if (services.GetService<LogRunner>() is not { } runner) return Results.NotFound();
        var results = await runner.GetResultsAsync(id, http.RequestAborted);
        if (results is null) return Results.NotFound();
        if (results.Run.Status != LogRunStatus.Complete) return Results.Conflict("The run has no results yet: it is " + results.Run.Status + ".");
        var run = results.Run;
        var keep = Enumerable.Range(0, run.Columns.Count).Where(i => run.Columns[i] != ResultTable.PointerColumn).ToList();
        var rows = ResultSort.Apply(run.Columns, results.Rows, sort, string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase))
            .Select(r => (IReadOnlyList<string?>)keep.Select(i => i < r.Count ? r[i] : null).ToList());
        var csv = ResultCsv.Write(keep.Select(i => run.Columns[i]).ToList(), rows);
        var name = $"{run.SavedQuery ?? "logs-query"}-{run.Start.UtcDateTime:yyyyMMdd'T'HHmm'Z'}.csv";
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
    }

    /// <summary>Asks the run's owner (whichever instance) to send StopQuery, then shows the run (post/redirect/get).</summary>
    private static async Task<IResult> Cancel(Guid id, HttpContext http, IServiceProvider services)
    {
        if (services.GetService<LogRunner>() is not { } runner) return Results.NotFound();
        if (await runner.GetAsync(id, http.RequestAborted) is null) return Results.NotFound();
        await runner.CancelAsync(id, http.RequestAborted);
        return Results.Redirect(LogsPaths.Run(id));
    }
}
