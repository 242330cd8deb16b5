using Autri.Infra.Aws.CloudWatch;

namespace Autri.Infra.Tests.Aws;

/// <summary>PutMetricData against the strict fake: JSON 1.0, signed for "monitoring", validated against the model.</summary>
public sealed class CloudWatchClientTests() : FakeAwsTests<CloudWatchClient>(AwsService.CloudWatch, c => new CloudWatchClient(c))
{
    private static PutMetricDataRequest Request(string ns = "Autri/beta", string unit = "None") => new()
    {
        Namespace = ns,
        MetricData =
        [
            new MetricDatum
            {
                MetricName = "LayerCostDaily",
                Dimensions = [new Dimension { Name = "Layer", Value = "data" }, new Dimension { Name = "Currency", Value = "USD" }],
                Timestamp = DateTime.UtcNow.Date,
                Value = 1.25,
                Unit = unit,
            },
        ],
    };

    [Fact]
    public async Task A_datum_reaches_cloudwatch_with_its_dimensions_timestamp_and_value()
    {
        await Client.PutMetricDataAsync(Request());

        var call = Assert.Single(Aws.Server.Calls);
        Assert.True(call.Succeeded, call.ErrorMessage);
        Assert.Equal("GraniteServiceVersion20100801.PutMetricData", call.Target);
        Assert.Equal("application/x-amz-json-1.0", call.Header("content-type"));
        var datum = Assert.Single(Aws.Server.CloudWatch.Published);
        Assert.Equal(("Autri/beta", "LayerCostDaily", 1.25, "None"), (datum.Namespace, datum.MetricName, datum.Value!.Value, datum.Unit));
        Assert.Equal(new Dictionary<string, string> { ["Layer"] = "data", ["Currency"] = "USD" }, datum.Dimensions);
        Assert.Equal(DateTime.UtcNow.Date, datum.Timestamp.UtcDateTime);
    }

    [Fact]
    public async Task A_unit_the_model_does_not_list_is_refused_and_nothing_is_recorded()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client.PutMetricDataAsync(Request(unit: "USD")));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains("unit", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Aws.Server.CloudWatch.Published);
    }

    [Fact]
    public async Task The_aws_namespace_is_not_ours_to_write()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client.PutMetricDataAsync(Request(ns: "AWS/Billing")));

        Assert.Equal("InvalidParameterValueException", error.ErrorCode);
    }

    [Fact]
    public async Task An_empty_request_is_refused_before_anything_is_sent()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.PutMetricDataAsync(new PutMetricDataRequest { Namespace = "Autri/beta", MetricData = [] }));

        Assert.Empty(Aws.Server.Calls);
    }
}
