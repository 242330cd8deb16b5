namespace Autri.AwsFake.Services;

/// <summary>
/// CloudWatch metrics' PutMetricData (JSON 1.0, target prefix GraniteServiceVersion20100801, signing name monitoring).
/// ../shared/aws-models/cloudwatch.json holds GetMetricData only, so PutMetricData and its shapes come from
/// Services/cloudwatch-putmetricdata.json, trimmed the same way from botocore 1.43.11's model, whose metadata is
/// identical to the shared file's (ServiceModel.With refuses a supplement for another wire). Requests are validated
/// against it like every other; what they carried is kept in <see cref="Published"/>. Beyond the model, the fake
/// enforces AWS's documented rules: a namespace may not start with "AWS/", at most 30 dimensions per datum, a
/// timestamp at most two weeks in the past and two hours in the future.
/// </summary>
public sealed class CloudWatchFake(ServiceModel model) : IFakeService
{
    public const string SupplementFile = "cloudwatch-putmetricdata.json";

    private readonly ConcurrentQueue<PublishedDatum> _published = new();

    public ServiceModel Model { get; } = model;

    /// <summary>Every datum accepted, in arrival order.</summary>
    public IReadOnlyList<PublishedDatum> Published => _published.ToArray();

    public JsonNode? Handle(FakeRequest r)
    {
        if (r.Operation != "PutMetricData") throw new AwsFakeException("UnsupportedByFake", $"{r.Operation} is not faked");
        var ns = r.Body.GetProperty("Namespace").GetString()!;
        if (ns.StartsWith("AWS/", StringComparison.Ordinal))
            throw new AwsFakeException("InvalidParameterValueException", "The value AWS/ for parameter Namespace is invalid.");
        var data = r.Body.TryGetProperty("MetricData", out var d) ? d.EnumerateArray().ToList() : [];
        if (data.Count == 0) throw new AwsFakeException("MissingRequiredParameterException", "The parameter MetricData is required.");
        var accepted = new List<PublishedDatum>();
        foreach (var datum in data)
        {
            var dimensions = datum.TryGetProperty("Dimensions", out var dims)
                ? dims.EnumerateArray().ToDictionary(x => x.GetProperty("Name").GetString()!, x => x.GetProperty("Value").GetString()!)
                : [];
            if (dimensions.Count > 30) throw new AwsFakeException("InvalidParameterValueException", "At most 30 dimensions per metric.");
            DateTimeOffset? at = datum.TryGetProperty("Timestamp", out var ts) ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(ts.GetDouble() * 1000)) : null;
            if (at is { } t && (t < r.Now.AddDays(-14) || t > r.Now.AddHours(2)))
                throw new AwsFakeException("InvalidParameterValueException", $"The parameter MetricData.Timestamp {t:O} must be within the last two weeks and at most two hours ahead.");
            double? value = datum.TryGetProperty("Value", out var v) ? v.GetDouble() : null;
            accepted.Add(new PublishedDatum(ns, datum.GetProperty("MetricName").GetString()!, dimensions, at ?? r.Now, value,
                datum.TryGetProperty("Unit", out var u) ? u.GetString() : null));
        }
        foreach (var a in accepted) _published.Enqueue(a);
        return null;
    }
}

/// <summary>One datum CloudWatch accepted.</summary>
public sealed record PublishedDatum(string Namespace, string MetricName, IReadOnlyDictionary<string, string> Dimensions, DateTimeOffset Timestamp, double? Value, string? Unit);
