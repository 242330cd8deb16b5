namespace Autri.Domain.Costs;

/// <summary>How AWS Budgets decides a notification fires, applied to the numbers DescribeBudgets returns.</summary>
public static class BudgetRules
{
    public static BudgetStatus Evaluate(BudgetInput budget, IReadOnlyList<BudgetNotificationInput> notifications, DateTimeOffset now)
    {
        var limit = CurrentLimit(budget, now);
        var actual = ToMoney(budget.Actual);
        var forecasted = ToMoney(budget.Forecasted);
        var thresholds = notifications
            .Select(n => Evaluate(n, limit, n.NotificationType == "FORECASTED" ? forecasted : actual))
            .OrderBy(t => t.Amount?.Amount ?? t.Threshold)
            .ThenBy(t => t.IsForecast)
            .ToList();
        return new BudgetStatus(budget.Name, budget.BudgetType, budget.TimeUnit, limit, actual, forecasted, budget.LastUpdated, thresholds);
    }

    /// <summary>
    /// The limit of the period containing <paramref name="now"/>: a planned budget's entry for the latest period
    /// start not after now, else BudgetLimit.
    /// </summary>
    public static Money? CurrentLimit(BudgetInput budget, DateTimeOffset now)
    {
        if (budget.PlannedLimits is { Count: > 0 } planned)
        {
            var started = planned.Where(p => p.Key <= now).OrderByDescending(p => p.Key).ToList();
            if (started.Count > 0) return Money.Parse(started[0].Value.Amount, started[0].Value.Unit);
        }
        return ToMoney(budget.Limit);
    }

    public static ThresholdStatus Evaluate(BudgetNotificationInput n, Money? limit, Money? spend)
    {
        var threshold = (decimal)n.Threshold;
        Money? amount = n.ThresholdType switch
        {
            "PERCENTAGE" => limit is { } l ? new Money(l.Amount * threshold / 100m, l.Unit) : null,
            // An absolute threshold is in the budget's own unit.
            _ => limit is { } l2 ? new Money(threshold, l2.Unit) : spend is { } s ? new Money(threshold, s.Unit) : null,
        };
        var state = amount is { } a && spend is { } sp && sp.Unit == a.Unit
            ? (Holds(n.ComparisonOperator, sp.Amount, a.Amount) ? ThresholdState.Crossed : ThresholdState.NotCrossed)
            : ThresholdState.Unknown;
        return new ThresholdStatus(n.NotificationType, n.ComparisonOperator, threshold, n.ThresholdType, amount, spend, state, n.State);
    }

    private static bool Holds(string comparison, decimal spend, decimal threshold) => comparison switch
    {
        "GREATER_THAN" => spend > threshold,
        "LESS_THAN" => spend < threshold,
        "EQUAL_TO" => spend == threshold,
        _ => throw new ArgumentException($"Unknown comparison operator {comparison}", nameof(comparison)),
    };

    private static Money? ToMoney((string Amount, string Unit)? value) => value is { } v ? Money.Parse(v.Amount, v.Unit) : null;
}
