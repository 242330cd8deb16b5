using System.Text.Json.Nodes;

namespace Autri.Testing.Aws;

/// <summary>
/// Cost Explorer and Budgets answers in AWS's shapes (the fake checks them against the models), built for the
/// request asked: every day of the period with the same costs, the last two days marked estimated. Shared by the
/// cost reader's tests and the costs page's.
/// </summary>
public static class CostSamples
{
    /// <summary>One day's costs: (cost-bucket value, service, amount); "" is untagged.</summary>
    public static readonly (string Bucket, string Service, string Amount)[] Day =
    [
        ("compute", "Amazon Elastic Container Service", "2.00"),
        ("data", "Amazon Relational Database Service", "1.00"),
        ("portal", "Elastic Load Balancing", "0.50"),
        ("", "Amazon Simple Storage Service", "0.25"),
    ];

    /// <param name="day">One day's costs; <see cref="Day"/> unless given.</param>
    public static JsonNode Usage(JsonElement request, IReadOnlyList<(string Bucket, string Service, string Amount)>? day = null)
    {
        day ??= Day;
        var period = request.GetProperty("TimePeriod");
        var start = DateOnly.Parse(period.GetProperty("Start").GetString()!, CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(period.GetProperty("End").GetString()!, CultureInfo.InvariantCulture);
        var results = new JsonArray();
        for (var d = start; d < end; d = d.AddDays(1))
        {
            results.Add(new JsonObject
            {
                ["TimePeriod"] = new JsonObject { ["Start"] = Wire(d), ["End"] = Wire(d.AddDays(1)) },
                ["Total"] = new JsonObject(),
                ["Groups"] = new JsonArray(day.Select(c => (JsonNode)new JsonObject
                {
                    ["Keys"] = new JsonArray("cost-bucket$" + c.Bucket, c.Service),
                    ["Metrics"] = new JsonObject { ["UnblendedCost"] = new JsonObject { ["Amount"] = c.Amount, ["Unit"] = "USD" } },
                }).ToArray()),
                ["Estimated"] = d >= end.AddDays(-2),
            });
        }
        return new JsonObject
        {
            ["GroupDefinitions"] = JsonNode.Parse(request.GetProperty("GroupBy").GetRawText()),
            ["ResultsByTime"] = results,
            ["DimensionValueAttributes"] = new JsonArray(),
        };
    }

    public static JsonNode Forecast(JsonElement request, string total = "42.50")
    {
        var period = request.GetProperty("TimePeriod");
        return new JsonObject
        {
            ["Total"] = new JsonObject { ["Amount"] = total, ["Unit"] = "USD" },
            ["ForecastResultsByTime"] = new JsonArray(new JsonObject
            {
                ["TimePeriod"] = new JsonObject { ["Start"] = period.GetProperty("Start").GetString(), ["End"] = period.GetProperty("End").GetString() },
                ["MeanValue"] = total,
                ["PredictionIntervalLowerBound"] = "40.00",
                ["PredictionIntervalUpperBound"] = "45.00",
            }),
        };
    }

    /// <summary>The monthly budget infra-cdk creates (limit 200 USD), with the given spend.</summary>
    public static JsonObject Budget(string actual, string? forecasted, string name = "autri-prod-monthly")
    {
        var spend = new JsonObject { ["ActualSpend"] = new JsonObject { ["Amount"] = actual, ["Unit"] = "USD" } };
        if (forecasted is not null) spend["ForecastedSpend"] = new JsonObject { ["Amount"] = forecasted, ["Unit"] = "USD" };
        return new JsonObject
        {
            ["BudgetName"] = name,
            ["BudgetLimit"] = new JsonObject { ["Amount"] = "200", ["Unit"] = "USD" },
            ["BudgetType"] = "COST",
            ["TimeUnit"] = "MONTHLY",
            ["TimePeriod"] = new JsonObject { ["Start"] = 1740787200, ["End"] = 3706473600 },
            ["CalculatedSpend"] = spend,
        };
    }

    /// <summary>infra-cdk's defaults: ACTUAL and FORECASTED, GREATER_THAN 50, 100 and 200 USD.</summary>
    public static JsonArray DefaultNotifications() => new(new[] { 50.0, 100.0, 200.0 }
        .SelectMany(amount => new[] { "ACTUAL", "FORECASTED" }.Select(type => (JsonNode)new JsonObject
        {
            ["NotificationType"] = type,
            ["ComparisonOperator"] = "GREATER_THAN",
            ["Threshold"] = amount,
            ["ThresholdType"] = "ABSOLUTE_VALUE",
            ["NotificationState"] = "OK",
        })).ToArray());

    private static string Wire(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
