namespace Autri.AwsFake;

/// <summary>
/// One request the fake received, whatever it answered. <see cref="Body"/> is the parsed JSON body
/// (undefined when it did not parse); <see cref="ErrorCode"/> is null when the call succeeded.
/// </summary>
public sealed record FakeCall(
    string Target,
    string Service,
    string Operation,
    JsonElement Body,
    IReadOnlyDictionary<string, string> Headers,
    int StatusCode,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset At)
{
    public bool Succeeded => ErrorCode is null;

    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : "";
}
