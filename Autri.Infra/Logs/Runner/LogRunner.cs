namespace Autri.Infra.Logs.Runner;

/// <summary>
/// Starts Logs Insights runs and reads them back, for any portal instance. A request is checked completely before
/// anything is stored or sent (syntax with line and column, at most 50 log groups, range confirmation); an
/// identical request within the reuse window gets the existing run instead of a second scan.
/// </summary>
public sealed class LogRunner(LogRunStore store, LogRunWorker worker, IOptions<LogRunnerOptions> options, ILogger<LogRunner> log)
{
    private static readonly EventId RunStarted = new(1, "logs_query_started");

    /// <summary>The code of the refusal for a range longer than <see cref="LogRunnerOptions.MaxRangeDays"/> without confirmation.</summary>
    public const string RangeNeedsConfirmation = "RangeNeedsConfirmation";

    /// <exception cref="LogsQueryException">
    /// MalformedQueryException (the parser's line and column in the message, the <see cref="Autri.Logs.Engine.Parsing.LogsQuerySyntaxError"/>
    /// as inner exception), InvalidParameterException, or <see cref="RangeNeedsConfirmation"/>.
    /// </exception>
    public async Task<LogRunStart> StartOrReuseAsync(LogRunRequest request, CancellationToken ct = default)
    {
        var o = options.Value;
        var rounded = Check(request);
        var (start, end) = (rounded.Start, rounded.End);

        var hash = RunKey.Of(rounded.Query, rounded.LogGroups, start, end);
        var outcome = await store.StartOrReuseAsync(rounded, hash, worker.InstanceId, o.ReuseWindow, ct);
        if (!outcome.Reused)
        {
            worker.Own(outcome.Run.Id);
            log.LogInformation(RunStarted, "Logs query run {run_id} queued ({saved_query}, {groups} log groups, {start} to {end})",
                outcome.Run.Id, rounded.SavedQuery ?? "ad hoc", rounded.LogGroups.Count, start, end);
        }
        return outcome;
    }

    /// <summary>
    /// Everything <see cref="StartOrReuseAsync"/> checks, with nothing stored or sent: what a page shows before the
    /// admin decides to run. Returns the request with its window rounded to whole minutes.
    /// </summary>
    /// <exception cref="LogsQueryException">As <see cref="StartOrReuseAsync"/>.</exception>
    public LogRunRequest Check(LogRunRequest request)
    {
        var o = options.Value;
        var (start, end) = RunWindow.Absolute(request.Start, request.End);
        LogsQueryRequestValidator.Validate(new LogsQueryRequest(request.Query, request.LogGroups, start, end));
        if (!request.LongRangeConfirmed && RangePolicy.NeedsConfirmation(start, end, o.MaxRangeDays))
            throw new LogsQueryException(RangeNeedsConfirmation,
                $"The range covers {(end - start).TotalDays:0.#} days, more than {o.MaxRangeDays} ({LogRunnerOptions.Section}:MaxRangeDays): confirm to run it.");
        return request with { Start = start, End = end };
    }

    /// <summary>What a run over these log groups and this window would scan and cost, from the runs of the last <see cref="LogRunnerOptions.RunRetention"/>.</summary>
    public async Task<ScanEstimate> EstimateAsync(IReadOnlyList<string> logGroups, DateTimeOffset start, DateTimeOffset end, CancellationToken ct = default)
    {
        var o = options.Value;
        var (bytes, range, runs) = await store.ScannedAsync(logGroups, o.RunRetention, ct);
        return ScanEstimate.From(bytes, range, runs, end - start, o.PricePerGb, o.RunRetention);
    }

    public Task<LogRun?> GetAsync(Guid id, CancellationToken ct = default) => store.GetAsync(id, ct);

    public Task<LogRunResults?> GetResultsAsync(Guid id, CancellationToken ct = default) => store.GetResultsAsync(id, ct);

    /// <summary>Asks the run's owner to send StopQuery; false when the run is unknown or already finished.</summary>
    public Task<bool> CancelAsync(Guid id, CancellationToken ct = default) => store.RequestCancelAsync(id, ct);
}
