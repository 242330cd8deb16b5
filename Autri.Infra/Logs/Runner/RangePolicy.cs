namespace Autri.Infra.Logs.Runner;

/// <summary>A window longer than the configured maximum scans (and costs) more than anyone meant by accident.</summary>
public static class RangePolicy
{
    public static bool NeedsConfirmation(DateTimeOffset start, DateTimeOffset end, int maxRangeDays) =>
        end - start > TimeSpan.FromDays(maxRangeDays);
}
