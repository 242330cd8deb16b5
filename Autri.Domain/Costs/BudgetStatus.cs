namespace Autri.Domain.Costs;

public enum ThresholdState
{
    /// <summary>The spend it watches does not meet the condition.</summary>
    NotCrossed,

    /// <summary>The condition holds (for GREATER_THAN: the spend is above the threshold). Shown red.</summary>
    Crossed,

    /// <summary>Cannot tell: no forecast yet, no limit for a percentage, or units that differ.</summary>
    Unknown,
}

/// <summary>One notification threshold of a budget, evaluated against the spend it watches.</summary>
public sealed record ThresholdStatus(
    string NotificationType,
    string ComparisonOperator,
    decimal Threshold,
    string ThresholdType,
    Money? Amount,
    Money? Spend,
    ThresholdState State,
    string? AwsState)
{
    public bool IsForecast => NotificationType == "FORECASTED";

    /// <summary>Red when our evaluation says crossed or AWS has already raised the alarm.</summary>
    public bool IsRed => State == ThresholdState.Crossed || AwsState == "ALARM";

    /// <summary>"100 USD" for an absolute threshold, "80% (80.00 USD)" for a percentage.</summary>
    public string Describe() => ThresholdType == "PERCENTAGE"
        ? $"{Threshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}% of the limit" + (Amount is { } a ? $" ({a.Display()})" : "")
        : Amount?.Display() ?? Threshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A budget with its current limit, actual and forecasted spend, and each notification threshold evaluated.</summary>
public sealed record BudgetStatus(
    string Name,
    string? BudgetType,
    string? TimeUnit,
    Money? Limit,
    Money? Actual,
    Money? Forecasted,
    DateTimeOffset? LastUpdated,
    IReadOnlyList<ThresholdStatus> Thresholds)
{
    public bool AnyRed => Thresholds.Any(t => t.IsRed) || IsOverLimit;

    public bool IsOverLimit => Limit is { } l && Actual is { } a && a.Unit == l.Unit && a.Amount > l.Amount;

    /// <summary>Actual spend as a percentage of the limit (0 when the limit is 0 or units differ).</summary>
    public decimal? ActualPercent => Percent(Actual);

    public decimal? ForecastedPercent => Percent(Forecasted);

    private decimal? Percent(Money? spend) =>
        Limit is { Amount: > 0m } l && spend is { } s && s.Unit == l.Unit ? Math.Round(s.Amount / l.Amount * 100m, 1) : null;
}
