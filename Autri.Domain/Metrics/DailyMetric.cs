namespace Autri.Domain.Metrics;

/// <summary>One value of the daily metrics, as CloudWatch will store it (names and dimensions are the dashboard's).</summary>
public sealed record DailyMetric(string Name, IReadOnlyDictionary<string, string> Dimensions, DateTime Timestamp, double Value, string Unit);
