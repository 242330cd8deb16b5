namespace Autri.Domain.Tests.Costs;

public class BudgetRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 20, 12, 0, 0, TimeSpan.Zero);

    private static BudgetInput Budget(string limit = "200", string actual = "120", string? forecasted = "210") =>
        new("autri-prod-monthly", "COST", "MONTHLY", (limit, "USD"), null, (actual, "USD"), forecasted is null ? null : (forecasted, "USD"), Now);

    private static BudgetNotificationInput Absolute(string type, double amount, string? state = "OK") => new(type, "GREATER_THAN", amount, "ABSOLUTE_VALUE", state);

    /// <summary>The six notifications infra-cdk creates by default: ACTUAL and FORECASTED at 50, 100 and 200 USD.</summary>
    private static readonly BudgetNotificationInput[] Defaults =
    [
        Absolute("ACTUAL", 50), Absolute("FORECASTED", 50), Absolute("ACTUAL", 100),
        Absolute("FORECASTED", 100), Absolute("ACTUAL", 200), Absolute("FORECASTED", 200),
    ];

    [Fact]
    public void Default_thresholds_are_crossed_by_actual_or_forecasted_spend_above_them()
    {
        var status = BudgetRules.Evaluate(Budget(), Defaults, Now);

        Assert.Equal(
        [
            ("ACTUAL", 50m, ThresholdState.Crossed), ("FORECASTED", 50m, ThresholdState.Crossed),
            ("ACTUAL", 100m, ThresholdState.Crossed), ("FORECASTED", 100m, ThresholdState.Crossed),
            ("ACTUAL", 200m, ThresholdState.NotCrossed), ("FORECASTED", 200m, ThresholdState.Crossed),
        ], status.Thresholds.Select(t => (t.NotificationType, t.Amount!.Value.Amount, t.State)));
        Assert.True(status.AnyRed);
        Assert.Equal(60.0m, status.ActualPercent);
        Assert.Equal(105.0m, status.ForecastedPercent);
    }

    [Fact]
    public void Spend_equal_to_a_greater_than_threshold_has_not_crossed_it()
    {
        var status = BudgetRules.Evaluate(Budget(actual: "100", forecasted: "100"), [Absolute("ACTUAL", 100), Absolute("FORECASTED", 100)], Now);

        Assert.All(status.Thresholds, t => Assert.Equal(ThresholdState.NotCrossed, t.State));
        Assert.False(status.AnyRed);
    }

    [Fact]
    public void Percentage_thresholds_are_a_share_of_the_limit()
    {
        var status = BudgetRules.Evaluate(Budget(limit: "100", actual: "81", forecasted: "79"),
            [new("ACTUAL", "GREATER_THAN", 80, "PERCENTAGE", "ALARM"), new("FORECASTED", "GREATER_THAN", 80, "PERCENTAGE", "OK")], Now);

        var actual = status.Thresholds.Single(t => !t.IsForecast);
        var forecast = status.Thresholds.Single(t => t.IsForecast);
        Assert.Equal(new Money(80m, "USD"), actual.Amount);
        Assert.Equal(ThresholdState.Crossed, actual.State);
        Assert.Equal(ThresholdState.NotCrossed, forecast.State);
        Assert.Equal("80% of the limit (80.00 USD)", actual.Describe());
    }

    [Fact]
    public void Less_than_and_equal_to_thresholds_follow_their_operator()
    {
        var limit = new Money(100m, "USD");

        Assert.Equal(ThresholdState.Crossed, BudgetRules.Evaluate(new("ACTUAL", "LESS_THAN", 50, "PERCENTAGE", null), limit, new Money(10m, "USD")).State);
        Assert.Equal(ThresholdState.NotCrossed, BudgetRules.Evaluate(new("ACTUAL", "LESS_THAN", 50, "PERCENTAGE", null), limit, new Money(60m, "USD")).State);
        Assert.Equal(ThresholdState.Crossed, BudgetRules.Evaluate(new("ACTUAL", "EQUAL_TO", 60, "ABSOLUTE_VALUE", null), limit, new Money(60m, "USD")).State);
    }

    [Fact]
    public void Without_a_forecast_forecasted_thresholds_are_unknown_not_green()
    {
        var status = BudgetRules.Evaluate(Budget(forecasted: null), Defaults, Now);

        Assert.All(status.Thresholds.Where(t => t.IsForecast), t => Assert.Equal(ThresholdState.Unknown, t.State));
        Assert.Null(status.ForecastedPercent);
    }

    [Fact]
    public void An_alarm_AWS_has_raised_is_red_even_if_the_numbers_have_since_dropped()
    {
        var threshold = BudgetRules.Evaluate(Absolute("ACTUAL", 100, "ALARM"), new Money(200m, "USD"), new Money(90m, "USD"));

        Assert.Equal(ThresholdState.NotCrossed, threshold.State);
        Assert.True(threshold.IsRed);
    }

    [Fact]
    public void Spend_over_the_limit_is_red_even_without_notifications()
    {
        var status = BudgetRules.Evaluate(Budget(limit: "100", actual: "100.01"), [], Now);

        Assert.True(status.IsOverLimit);
        Assert.True(status.AnyRed);
    }

    [Fact]
    public void A_planned_budget_uses_the_limit_of_the_period_that_has_started()
    {
        var planned = new Dictionary<DateTimeOffset, (string, string)>
        {
            [DateTimeOffset.FromUnixTimeSeconds(1740787200)] = ("300", "USD"), // 2025-03-01
            [DateTimeOffset.FromUnixTimeSeconds(1738368000)] = ("200", "USD"), // 2025-02-01
            [DateTimeOffset.FromUnixTimeSeconds(1743465600)] = ("400", "USD"), // 2025-04-01
        };
        var budget = Budget(limit: "100") with { PlannedLimits = planned };

        Assert.Equal(new Money(300m, "USD"), BudgetRules.CurrentLimit(budget, Now));
        Assert.Equal(new Money(200m, "USD"), BudgetRules.CurrentLimit(budget, Now.AddMonths(-1)));
        Assert.Equal(new Money(100m, "USD"), BudgetRules.CurrentLimit(budget, Now.AddYears(-1)));
    }
}
