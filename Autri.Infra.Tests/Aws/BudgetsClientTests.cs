namespace Autri.Infra.Tests.Aws;

public sealed class BudgetsClientTests() : FakeAwsTests<BudgetsClient>(AwsService.Budgets, c => new BudgetsClient(c))
{
    private const string Account = "123456789012";

    /// <summary>The documented budgets, each with an 80 % actual-spend notification.</summary>
    protected override void Seed(AwsFakeServer server)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.AwsSamples, "budgets", "describe-budgets.docs.json")))!;
        foreach (var b in sample["Budgets"]!.AsArray())
            server.Budgets.AddBudget(b!.AsObject(), new JsonArray(new JsonObject
            {
                ["NotificationType"] = "ACTUAL", ["ComparisonOperator"] = "GREATER_THAN", ["Threshold"] = 80.0,
                ["ThresholdType"] = "PERCENTAGE", ["NotificationState"] = "OK",
            }));
    }

    [Fact]
    public async Task The_documented_budgets_read_with_limits_spend_and_epoch_time_periods()
    {
        var all = await Client.DescribeBudgetsAsync(new() { AccountId = Account });

        Assert.Equal(2, all.Budgets!.Count);
        var fixedBudget = all.Budgets[0];
        Assert.Equal("Example Limit Fixed Budget", fixedBudget.BudgetName);
        Assert.Equal(("100", "USD"), (fixedBudget.BudgetLimit!.Amount, fixedBudget.BudgetLimit.Unit));
        Assert.Equal("50", fixedBudget.CalculatedSpend!.ActualSpend.Amount);
        Assert.Equal(new DateTime(2016, 10, 25, 0, 0, 0, DateTimeKind.Utc), fixedBudget.TimePeriod!.Start);
        Assert.Equal(6, all.Budgets[1].PlannedBudgetLimits!.Count);
        Assert.Contains("/us-east-1/budgets/aws4_request", Assert.Single(Aws.Server.Calls).Header("Authorization"));
    }

    [Fact]
    public async Task Budgets_page_with_the_token()
    {
        var first = await Client.DescribeBudgetsAsync(new() { AccountId = Account, MaxResults = 1 });
        var second = await Client.DescribeBudgetsAsync(new() { AccountId = Account, MaxResults = 1, NextToken = first.NextToken });

        Assert.Equal(["Example Limit Fixed Budget", "Example Planned Limits Budget"], first.Budgets!.Concat(second.Budgets!).Select(b => b.BudgetName));
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task Notifications_of_a_budget_read_and_an_unknown_budget_is_NotFoundException()
    {
        var notes = await Client.DescribeNotificationsForBudgetAsync(new() { AccountId = Account, BudgetName = "Example Limit Fixed Budget" });
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Client.DescribeNotificationsForBudgetAsync(new() { AccountId = Account, BudgetName = "nope" }));

        Assert.Equal(80, Assert.Single(notes.Notifications!).Threshold);
        Assert.Equal("NotFoundException", missing.ErrorCode);
    }

    [Fact]
    public async Task Another_account_is_AccessDeniedException_and_a_malformed_one_never_leaves_the_process()
    {
        var denied = await Assert.ThrowsAsync<AwsServiceException>(() => Client.DescribeBudgetsAsync(new() { AccountId = "999999999999" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.DescribeBudgetsAsync(new() { AccountId = "12345" }));

        Assert.Equal("AccessDeniedException", denied.ErrorCode);
        Assert.Single(Aws.Server.Calls);
    }
}
