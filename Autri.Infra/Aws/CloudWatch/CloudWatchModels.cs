namespace Autri.Infra.Aws.CloudWatch;

// PutMetricData's request, named as in AWSSDK.CloudWatch (model: Autri.AwsFake/Services/cloudwatch-putmetricdata.json,
// trimmed from botocore like ../shared/aws-models/cloudwatch.json). Timestamps go out as epoch seconds.

public sealed record PutMetricDataRequest
{
    public required string Namespace { get; init; }
    public required List<MetricDatum> MetricData { get; init; }
}

public sealed record MetricDatum
{
    public required string MetricName { get; init; }
    public List<Dimension>? Dimensions { get; init; }
    public DateTime? Timestamp { get; init; }
    public double? Value { get; init; }

    /// <summary>A StandardUnit: "None", "Count", … (CloudWatch has no currency unit; cost metrics say USD in their name).</summary>
    public string? Unit { get; init; }
}

public sealed record Dimension
{
    public required string Name { get; init; }
    public required string Value { get; init; }
}
