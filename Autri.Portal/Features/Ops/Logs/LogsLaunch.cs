namespace Autri.Portal.Features.Ops.Logs;

/// <summary>
/// The outcome of asking for a query from a page: a run, a refusal to show, a question to confirm, or (when only
/// checked) the query ready to run with what it would cost.
/// </summary>
public abstract record LogsLaunch
{
    public sealed record Started(LogRunStart Start, LogRunResults? Results) : LogsLaunch;

    /// <summary>Checked, nothing stored or sent: running it would scan about what <see cref="Estimate"/> says.</summary>
    public sealed record Ready(ScanEstimate Estimate) : LogsLaunch;

    /// <summary>
    /// Nothing was stored or sent. <see cref="Line"/>/<see cref="Column"/> locate a syntax error; <see cref="Unavailable"/>
    /// means the deployment cannot run queries (configuration), not that the request was wrong.
    /// </summary>
    public sealed record Refused(string Message, int? Line = null, int? Column = null, bool Unavailable = false) : LogsLaunch;

    /// <summary>The range is longer than Logs:MaxRangeDays: the page offers a "Run it anyway" form.</summary>
    public sealed record NeedsConfirmation(string Message) : LogsLaunch;

    /// <summary>
    /// Checks and starts (or reuses) a run. Logical groups are mapped to the backend's names here; the runner
    /// checks the rest (syntax with line and column, at most 50 log groups, the range).
    /// </summary>
    public static Task<LogsLaunch> RunAsync(
        LogRunner runner, LogGroupMap groups, string query, IReadOnlyList<string> logicalGroups, RangeRequest window,
        string? savedQuery, Guid? startedBy, bool confirmed, CancellationToken ct) =>
        RefusalsShown(async () =>
        {
            var names = groups.Resolve(logicalGroups);
            var start = await runner.StartOrReuseAsync(
                new LogRunRequest(query, names, window.Start, window.End, savedQuery, startedBy, confirmed), ct);
            var results = start.Run.Status == LogRunStatus.Complete ? await runner.GetResultsAsync(start.Run.Id, ct) : null;
            return new Started(start, results);
        });

    /// <summary>The same checks as <see cref="RunAsync"/>, and the cost estimate, with nothing stored or sent.</summary>
    public static Task<LogsLaunch> CheckAsync(
        LogRunner runner, LogGroupMap groups, string query, IReadOnlyList<string> logicalGroups, RangeRequest window, CancellationToken ct) =>
        RefusalsShown(async () =>
        {
            var names = groups.Resolve(logicalGroups);
            var request = runner.Check(new LogRunRequest(query, names, window.Start, window.End));
            return new Ready(await runner.EstimateAsync(names, request.Start, request.End, ct));
        });

    private static async Task<LogsLaunch> RefusalsShown(Func<Task<LogsLaunch>> attempt)
    {
        try
        {
            return await attempt();
        }
        catch (LogsQueryException e) when (e.Code == LogRunner.RangeNeedsConfirmation)
        {
            return new NeedsConfirmation(e.Message);
        }
        catch (LogsQueryException e) when (e.InnerException is LogsQuerySyntaxError syntax)
        {
            return new Refused($"Syntax error at line {syntax.Line}, column {syntax.Column}: {syntax.Reason}", syntax.Line, syntax.Column);
        }
        catch (LogsQueryException e)
        {
            return new Refused(e.Message);
        }
    }
}
