namespace Autri.Infra.Aws.Budgets;

public sealed class BudgetsClient(AwsJsonClient client) : IBudgetsClient
{
    public Task<DescribeBudgetsResponse> DescribeBudgetsAsync(DescribeBudgetsRequest request, CancellationToken ct = default)
    {
        RequireAccount(request.AccountId);
        return client.InvokeAsync<DescribeBudgetsRequest, DescribeBudgetsResponse>("DescribeBudgets", request, ct);
    }

    public Task<DescribeNotificationsForBudgetResponse> DescribeNotificationsForBudgetAsync(DescribeNotificationsForBudgetRequest request, CancellationToken ct = default)
    {
        RequireAccount(request.AccountId);
        Require.NotEmpty(request.BudgetName, nameof(request.BudgetName));
        return client.InvokeAsync<DescribeNotificationsForBudgetRequest, DescribeNotificationsForBudgetResponse>("DescribeNotificationsForBudget", request, ct);
    }

    private static void RequireAccount(string accountId)
    {
        if (accountId is not { Length: 12 } || !accountId.All(char.IsAsciiDigit))
            throw new ArgumentException("AccountId must be the 12-digit AWS account id", nameof(accountId));
    }
}
