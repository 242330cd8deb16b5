namespace Autri.Infra.Costs;

// What is stored in cost_cache.payload: AWS's answers as received (all pages), so a change in how the page
// interprets them needs no cache flush.

/// <summary>Every page of one GetCostAndUsage query.</summary>
public sealed record UsagePayload(List<GetCostAndUsageResponse> Pages);

/// <summary>A GetCostForecast answer, or the reason Cost Explorer cannot forecast yet (DataUnavailableException).</summary>
public sealed record ForecastPayload(GetCostForecastResponse? Response, string? Unavailable);

/// <summary>DescribeBudgets (all pages) with each budget's DescribeNotificationsForBudget (all pages).</summary>
public sealed record BudgetsPayload(List<BudgetWithNotifications> Budgets);

public sealed record BudgetWithNotifications(Budget Budget, List<Notification> Notifications);
