using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autri.Portal.Tests.Features.Ops.Costs;

/// <summary>
/// Cost Explorer and Budgets answers in AWS's shapes for the fake (which checks them against the models): every
/// day of the asked period costs the same, the last two are estimated; the budget is infra-cdk's default.
/// </summary>
public static class CostAnswers
{
    public static readonly (string Bucket, string Service, string Amount)[] Day =
    [
        ("compute", "Amazon Elastic Container Service", "2.00"),
        ("data", "Amazon Relational Database Service", "1.00"),
        ("", "Amazon Simple Storage Service", "0.25"),
    ];

    public static JsonNode Usage(JsonElement request)
    {
        var period = request.GetProperty("TimePeriod");
        var start = DateOnly.Parse(period.GetProperty("Start").GetString()!, CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(period.GetProperty("End").GetString()!, CultureInfo.InvariantCulture);
        var results = new JsonArray();
        for (var d = start; d < end; d = d.AddDays(1))
            results.Add(new JsonObject
            {
                ["TimePeriod"] = new JsonObject { ["Start"] = Wire(d), ["End"] = Wire(d.AddDays(1)) },
                ["Total"] = new JsonObject(),
                ["Groups"] = new JsonArray(Day.Select(c => (JsonNode)new JsonObject
                {
                    ["Keys"] = new JsonArray("cost-bucket$" + c.Bucket, c.Service),
                    ["Metrics"] = new JsonObject { ["UnblendedCost"] = new JsonObject { ["Amount"] = c.Amount, ["Unit"] = "USD" } },
                }).ToArray()),
                ["Estimated"] = d >= end.AddDays(-2),
            });
        return new JsonObject
        {
            ["GroupDefinitions"] = JsonNode.Parse(request.GetProperty("GroupBy").GetRawText()),
            ["ResultsByTime"] = results,
            ["DimensionValueAttributes"] = new JsonArray(),
        };
    }

    public static JsonNode Forecast(JsonElement request) => new JsonObject
    {
        ["Total"] = new JsonObject { ["Amount"] = "42.50", ["Unit"] = "USD" },
        ["ForecastResultsByTime"] = new JsonArray(new JsonObject
        {
            ["TimePeriod"] = JsonNode.Parse(request.GetProperty("TimePeriod").GetRawText()),
            ["MeanValue"] = "42.50",
        }),
    };

    public static JsonObject Budget() => new()
    {
        ["BudgetName"] = "autri-prod-monthly",
        ["BudgetLimit"] = new JsonObject { ["Amount"] = "200", ["Unit"] = "USD" },
        ["BudgetType"] = "COST",
        ["TimeUnit"] = "MONTHLY",
        ["CalculatedSpend"] = new JsonObject
        {
            ["ActualSpend"] = new JsonObject { ["Amount"] = "120", ["Unit"] = "USD" },
            ["ForecastedSpend"] = new JsonObject { ["Amount"] = "210", ["Unit"] = "USD" },
        },
    };

    /// <summary>infra-cdk's defaults: ACTUAL and FORECASTED, GREATER_THAN 50, 100 and 200 USD.</summary>
    public static JsonArray DefaultNotifications() => new(new[] { 50.0, 100.0, 200.0 }
        .SelectMany(amount => new[] { "ACTUAL", "FORECASTED" }.Select(type => (JsonNode)new JsonObject
        {
            ["NotificationType"] = type, ["ComparisonOperator"] = "GREATER_THAN", ["Threshold"] = amount, ["ThresholdType"] = "ABSOLUTE_VALUE",
        })).ToArray());

    private static string Wire(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
