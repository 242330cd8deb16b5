namespace Autri.Infra.Aws.CloudWatch;

/// <summary>
/// CloudWatch metrics, shaped like AWSSDK.CloudWatch's IAmazonCloudWatch: only PutMetricData, for the portal's daily
/// metrics (Autri.Infra/Metrics). Its IAM grant is limited to one namespace by the cloudwatch:namespace condition key.
/// </summary>
public interface ICloudWatchClient
{
    Task PutMetricDataAsync(PutMetricDataRequest request, CancellationToken ct = default);
}
