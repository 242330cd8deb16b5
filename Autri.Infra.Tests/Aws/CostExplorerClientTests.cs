namespace Autri.Infra.Tests.Aws;

public sealed class CostExplorerClientTests() : FakeAwsTests<CostExplorerClient>(AwsService.CostExplorer, c => new CostExplorerClient(c))
{
    private static GetCostAndUsageRequest ByCostBucket() => new()
    {
        TimePeriod = new() { Start = "2025-01-01", End = "2025-02-01" },
        Granularity = "MONTHLY",
        Metrics = ["UnblendedCost"],
        GroupBy = [new() { Type = "TAG", Key = "cost-bucket" }],
    };

    private static JsonNode Sample(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.AwsSamples, "ce", file)))!;

    [Fact]
    public async Task Cost_per_cost_bucket_reads_the_groups_the_fake_was_seeded_with_and_calls_are_counted()
    {
        Aws.Server.CostExplorer.SeedCostAndUsage(Sample("get-cost-and-usage-tag-cost-bucket.RECONSTRUCTED.json"));

        var result = await Client.GetCostAndUsageAsync(ByCostBucket());
        await Client.GetCostAndUsageAsync(ByCostBucket());

        var month = Assert.Single(result.ResultsByTime!);
        Assert.Contains(month.Groups!, g => g.Keys![0] == "cost-bucket$data" && g.Metrics!["UnblendedCost"].Amount == "12.3456789012");
        Assert.Contains(month.Groups!, g => g.Keys![0] == "cost-bucket$");
        Assert.Equal(2, Aws.Server.CallCount("AWSInsightsIndexService.GetCostAndUsage"));
    }

    [Fact]
    public async Task A_forecast_without_history_is_DataUnavailableException_and_a_seeded_one_reads()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var request = new GetCostForecastRequest
        {
            TimePeriod = new() { Start = today.ToString("yyyy-MM-dd"), End = today.AddDays(2).ToString("yyyy-MM-dd") },
            Metric = "UNBLENDED_COST",
            Granularity = "MONTHLY",
        };

        var none = await Assert.ThrowsAsync<AwsServiceException>(() => Client.GetCostForecastAsync(request));
        Aws.Server.CostExplorer.SeedCostForecast(Sample("get-cost-forecast.docs.json"));
        var forecast = await Client.GetCostForecastAsync(request);

        Assert.Equal("DataUnavailableException", none.ErrorCode);
        Assert.Equal("74.1573326798", forecast.Total!.Amount);
        Assert.Equal(2, forecast.ForecastResultsByTime!.Count);
    }

    [Fact]
    public async Task Cost_Explorers_LimitExceededException_is_a_rate_limit_and_is_retried()
    {
        Aws.Server.Failures.Enqueue("AWSInsightsIndexService.GetCostAndUsage", "LimitExceededException", 400, message: "You have exceeded the rate limit.");

        var result = await Client.GetCostAndUsageAsync(ByCostBucket());

        Assert.NotNull(result.ResultsByTime);
        Assert.Equal(2, Aws.Server.Calls.Count);
    }

    [Fact]
    public async Task A_metric_name_outside_the_models_enum_is_fine_but_a_bad_granularity_is_refused()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client.GetCostAndUsageAsync(ByCostBucket() with { Granularity = "WEEKLY" }));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains("Member must satisfy enum value set: [DAILY, MONTHLY, HOURLY]", error.Message);
    }
}
