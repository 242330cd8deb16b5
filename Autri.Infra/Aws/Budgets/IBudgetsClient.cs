namespace Autri.Infra.Aws.Budgets;

/// <summary>AWS Budgets, shaped like AWSSDK.Budgets' IAmazonBudgets.</summary>
public interface IBudgetsClient
{
    Task<DescribeBudgetsResponse> DescribeBudgetsAsync(DescribeBudgetsRequest request, CancellationToken ct = default);
    Task<DescribeNotificationsForBudgetResponse> DescribeNotificationsForBudgetAsync(DescribeNotificationsForBudgetRequest request, CancellationToken ct = default);
}
