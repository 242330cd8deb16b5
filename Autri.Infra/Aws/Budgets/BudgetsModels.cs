namespace Autri.Infra.Aws.Budgets;

// Requests and responses of the AWS Budgets operations we call, named as in AWSSDK.Budgets.
// Amounts are decimal strings; TimePeriod and LastUpdatedTime are timestamps (epoch seconds on the wire).

public sealed record Spend
{
    public required string Amount { get; init; }
    public required string Unit { get; init; }
}

public sealed record TimePeriod
{
    public DateTime? Start { get; init; }
    public DateTime? End { get; init; }
}

public sealed record CalculatedSpend
{
    public required Spend ActualSpend { get; init; }
    public Spend? ForecastedSpend { get; init; }
}

public sealed record Budget
{
    public string? BudgetName { get; init; }
    public Spend? BudgetLimit { get; init; }

    /// <summary>Keyed by the period's start as epoch seconds in a string.</summary>
    public Dictionary<string, Spend>? PlannedBudgetLimits { get; init; }

    /// <summary>DAILY | MONTHLY | QUARTERLY | ANNUALLY | CUSTOM.</summary>
    public string? TimeUnit { get; init; }

    public TimePeriod? TimePeriod { get; init; }
    public CalculatedSpend? CalculatedSpend { get; init; }
    public string? BudgetType { get; init; }
    public DateTime? LastUpdatedTime { get; init; }
    public List<string>? Metrics { get; init; }
}

public sealed record DescribeBudgetsRequest
{
    public required string AccountId { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
}

public sealed record DescribeBudgetsResponse
{
    public List<Budget>? Budgets { get; init; }
    public string? NextToken { get; init; }
}

public sealed record Notification
{
    /// <summary>ACTUAL | FORECASTED.</summary>
    public string? NotificationType { get; init; }

    /// <summary>GREATER_THAN | LESS_THAN | EQUAL_TO.</summary>
    public string? ComparisonOperator { get; init; }

    public double Threshold { get; init; }

    /// <summary>PERCENTAGE | ABSOLUTE_VALUE.</summary>
    public string? ThresholdType { get; init; }

    /// <summary>OK | ALARM.</summary>
    public string? NotificationState { get; init; }
}

public sealed record DescribeNotificationsForBudgetRequest
{
    public required string AccountId { get; init; }
    public required string BudgetName { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
}

public sealed record DescribeNotificationsForBudgetResponse
{
    public List<Notification>? Notifications { get; init; }
    public string? NextToken { get; init; }
}
