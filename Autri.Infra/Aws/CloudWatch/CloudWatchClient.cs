namespace Autri.Infra.Aws.CloudWatch;

public sealed class CloudWatchClient(AwsJsonClient client) : ICloudWatchClient
{
    /// <summary>AWS's limit of datums per PutMetricData request.</summary>
    public const int MaxDatums = 1000;

    public async Task PutMetricDataAsync(PutMetricDataRequest request, CancellationToken ct = default)
    {
        Require.NotEmpty(request.Namespace, nameof(request.Namespace));
        Require.NotEmpty(request.MetricData, nameof(request.MetricData));
        if (request.MetricData.Count > MaxDatums) throw new ArgumentException($"At most {MaxDatums} datums per request", nameof(request));
        foreach (var datum in request.MetricData) Require.NotEmpty(datum.MetricName, nameof(datum.MetricName));
        await client.InvokeAsync<PutMetricDataRequest, Empty>("PutMetricData", request, ct);
    }

    /// <summary>PutMetricData answers an empty body.</summary>
    private sealed record Empty;
}
