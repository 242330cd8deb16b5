namespace Autri.AwsFake.Services;

/// <summary>
/// Cost Explorer answers from what the test seeds (a fixed response or a function of the request); the
/// server's output check holds seeded data to the model. Without a seed, GetCostAndUsage answers no results
/// and GetCostForecast answers DataUnavailableException, as AWS does for an account without history.
/// Count calls with <c>server.CallCount("AWSInsightsIndexService.GetCostAndUsage")</c>.
/// </summary>
public sealed class CostExplorerFake(ServiceModel model) : IFakeService
{
    public ServiceModel Model { get; } = model;

    public Func<JsonElement, JsonNode>? CostAndUsage { get; set; }

    public Func<JsonElement, JsonNode>? CostForecast { get; set; }

    public void SeedCostAndUsage(JsonNode response) => CostAndUsage = _ => response.DeepClone();

    public void SeedCostForecast(JsonNode response) => CostForecast = _ => response.DeepClone();

    public JsonNode? Handle(FakeRequest r)
    {
        var period = r.Body.GetProperty("TimePeriod");
        var start = Date(period.Str("Start")!, "Start");
        var end = Date(period.Str("End")!, "End");
        if (start >= end) throw new AwsFakeException("ValidationException", "Start date (and hour) should be before end date (and hour)");
        switch (r.Operation)
        {
            case "GetCostAndUsage":
                if (r.Body.Strings("Metrics").Count == 0) throw new AwsFakeException("ValidationException", "Metrics must not be empty.");
                return CostAndUsage?.Invoke(r.Body) ?? new JsonObject
                {
                    ["GroupDefinitions"] = r.Body.Node("GroupBy") ?? new JsonArray(),
                    ["ResultsByTime"] = new JsonArray(),
                    ["DimensionValueAttributes"] = new JsonArray(),
                };
            case "GetCostForecast":
                if (start < DateOnly.FromDateTime(r.Now.UtcDateTime))
                    throw new AwsFakeException("ValidationException", "Start date must be equal to or later than the current date.");
                return CostForecast?.Invoke(r.Body)
                    ?? throw new AwsFakeException("DataUnavailableException", "Insufficient amount of historical data to generate forecast.");
            default:
                throw new AwsFakeException("UnsupportedByFake", $"The fake does not implement {r.Operation}");
        }
    }

    private static DateOnly Date(string value, string member) =>
        DateOnly.TryParseExact(value[..Math.Min(10, value.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new AwsFakeException("ValidationException", $"TimePeriod.{member} is not a valid date: {value}");
}
