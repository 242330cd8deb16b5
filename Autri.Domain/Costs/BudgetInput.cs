namespace Autri.Domain.Costs;

// A DescribeBudgets entry and its DescribeNotificationsForBudget answer, without AWS types.

/// <summary>Amounts are (amount, unit) strings as AWS sends them; PlannedLimits are keyed by their period's start.</summary>
public sealed record BudgetInput(
    string Name,
    string? BudgetType,
    string? TimeUnit,
    (string Amount, string Unit)? Limit,
    IReadOnlyDictionary<DateTimeOffset, (string Amount, string Unit)>? PlannedLimits,
    (string Amount, string Unit)? Actual,
    (string Amount, string Unit)? Forecasted,
    DateTimeOffset? LastUpdated);

/// <summary>NotificationType ACTUAL|FORECASTED; ComparisonOperator GREATER_THAN|LESS_THAN|EQUAL_TO; ThresholdType PERCENTAGE|ABSOLUTE_VALUE; State OK|ALARM.</summary>
public sealed record BudgetNotificationInput(string NotificationType, string ComparisonOperator, double Threshold, string ThresholdType, string? State);
