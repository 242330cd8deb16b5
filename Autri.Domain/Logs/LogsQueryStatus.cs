namespace Autri.Domain.Logs;

/// <summary>AWS's QueryStatus values.</summary>
public enum LogsQueryStatus { Scheduled, Running, Complete, Failed, Cancelled, Timeout, Unknown }

public static class LogsQueryStatusExtensions
{
    public static bool IsFinal(this LogsQueryStatus status) =>
        status is LogsQueryStatus.Complete or LogsQueryStatus.Failed or LogsQueryStatus.Cancelled or LogsQueryStatus.Timeout;
}
