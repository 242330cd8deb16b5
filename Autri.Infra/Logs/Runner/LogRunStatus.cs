namespace Autri.Infra.Logs.Runner;

/// <summary>
/// A run's state. Queued: waiting for one of the portal's slots. Starting: holds a slot, calling StartQuery (and
/// retrying while AWS answers LimitExceededException). Then AWS's own statuses.
/// </summary>
public enum LogRunStatus { Queued, Starting, Scheduled, Running, Complete, Failed, Cancelled, Timeout }

public static class LogRunStatusExtensions
{
    public static bool IsFinal(this LogRunStatus status) =>
        status is LogRunStatus.Complete or LogRunStatus.Failed or LogRunStatus.Cancelled or LogRunStatus.Timeout;

    /// <summary>Counted against <see cref="LogRunnerOptions.MaxConcurrentQueries"/>.</summary>
    public static bool HoldsSlot(this LogRunStatus status) =>
        status is LogRunStatus.Starting or LogRunStatus.Scheduled or LogRunStatus.Running;
}
