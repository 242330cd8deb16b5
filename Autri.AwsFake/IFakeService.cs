namespace Autri.AwsFake;

/// <summary>What a handler knows about the request beyond its body.</summary>
public sealed record FakeRequest(string Operation, JsonElement Body, string AccessKeyId, string Region, DateTimeOffset Now);

/// <summary>One AWS service the fake speaks. Handlers get bodies already validated against the model.</summary>
public interface IFakeService
{
    ServiceModel Model { get; }

    /// <summary>The response body (null for an empty <c>{}</c>); throw <see cref="Wire.AwsFakeException"/> for AWS errors.</summary>
    JsonNode? Handle(FakeRequest request);
}
