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

public sealed record CostTypes
{
    public bool? IncludeTax { get; init; }
    public bool? IncludeSubscription { get; init; }
    public bool? UseBlended { get; init; }
    public bool? IncludeRefund { get; init; }
    public bool? IncludeCredit { get; init; }
    public bool? IncludeUpfront { get; init; }
    public bool? IncludeRecurring { get; init; }
    public bool? IncludeOtherSubscription { get; init; }
    public bool? IncludeSupport { get; init; }
    public bool? IncludeDiscount { get; init; }
    public bool? UseAmortized { get; init; }
}

public sealed record HistoricalOptions
{
    public required int BudgetAdjustmentPeriod { get; init; }
    public int? LookBackAvailablePeriods { get; init; }
}

public sealed record AutoAdjustData
{
    public required string AutoAdjustType { get; init; }
    public HistoricalOptions? HistoricalOptions { get; init; }
    public DateTime? LastAutoAdjustTime { get; init; }
}

public sealed record ExpressionDimensionValues
{
    public required string Key { get; init; }
    public required List<string> Values { get; init; }
    public List<string>? MatchOptions { get; init; }
}

public sealed record TagValues
{
    public string? Key { get; init; }
    public List<string>? Values { get; init; }
    public List<string>? MatchOptions { get; init; }
}

public sealed record CostCategoryValues
{
    public string? Key { get; init; }
    public List<string>? Values { get; init; }
    public List<string>? MatchOptions { get; init; }
}

public sealed record Expression
{
    public List<Expression>? Or { get; init; }
    public List<Expression>? And { get; init; }
    public Expression? Not { get; init; }
    public ExpressionDimensionValues? Dimensions { get; init; }
    public TagValues? Tags { get; init; }
    public CostCategoryValues? CostCategories { get; init; }
}

public sealed record HealthStatus
{
    public string? Status { get; init; }
    public string? StatusReason { get; init; }
    public DateTime? LastUpdatedTime { get; init; }
}

public sealed record Budget
{
    public string? BudgetName { get; init; }
    public Spend? BudgetLimit { get; init; }

    /// <summary>Keyed by the period's start as epoch seconds in a string.</summary>
    public Dictionary<string, Spend>? PlannedBudgetLimits { get; init; }

    public Dictionary<string, List<string>>? CostFilters { get; init; }
    public CostTypes? CostTypes { get; init; }

    /// <summary>DAILY | MONTHLY | QUARTERLY | ANNUALLY | CUSTOM.</summary>
    public string? TimeUnit { get; init; }

    public TimePeriod? TimePeriod { get; init; }
    public CalculatedSpend? CalculatedSpend { get; init; }
    public string? BudgetType { get; init; }
    public DateTime? LastUpdatedTime { get; init; }
    public AutoAdjustData? AutoAdjustData { get; init; }
    public Expression? FilterExpression { get; init; }
    public List<string>? Metrics { get; init; }
    public string? BillingViewArn { get; init; }
    public HealthStatus? HealthStatus { get; init; }
}

public sealed record DescribeBudgetsRequest
{
    public required string AccountId { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
    public bool? ShowFilterExpression { get; init; }
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
