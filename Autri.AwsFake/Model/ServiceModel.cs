namespace Autri.AwsFake.Model;

public sealed record OperationModel(string Name, string? Input, string? Output, IReadOnlyList<string> Errors);

/// <summary>A trimmed AWS API model (../shared/aws-models/&lt;service&gt;.json): metadata, operations, shapes.</summary>
public sealed class ServiceModel
{
    public required string FileName { get; init; }
    public required string TargetPrefix { get; init; }
    public required string SigningName { get; init; }
    public required string JsonVersion { get; init; }
    public required IReadOnlyDictionary<string, OperationModel> Operations { get; init; }
    public required IReadOnlyDictionary<string, Shape> Shapes { get; init; }

    /// <summary>Patterns the fake cannot enforce because .NET cannot compile them (each says why).</summary>
    public required IReadOnlyList<string> PatternProblems { get; init; }

    public string ContentType => "application/x-amz-json-" + JsonVersion;

    public static ServiceModel Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var meta = root.GetProperty("metadata");
        var problems = new List<string>();
        var shapes = root.GetProperty("shapes").EnumerateObject()
            .ToDictionary(s => s.Name, s => Shape.From(s.Name, s.Value, problems));
        var operations = root.GetProperty("operations").EnumerateObject().ToDictionary(
            o => o.Name,
            o => new OperationModel(
                o.Name,
                o.Value.TryGetProperty("input", out var i) ? i.GetProperty("shape").GetString() : null,
                o.Value.TryGetProperty("output", out var r) ? r.GetProperty("shape").GetString() : null,
                o.Value.TryGetProperty("errors", out var es) ? es.EnumerateArray().Select(x => x.GetProperty("shape").GetString()!).ToList() : []));
        return new ServiceModel
        {
            FileName = Path.GetFileNameWithoutExtension(path),
            TargetPrefix = meta.GetProperty("targetPrefix").GetString()!,
            SigningName = meta.TryGetProperty("signingName", out var sn) ? sn.GetString()! : meta.GetProperty("endpointPrefix").GetString()!,
            JsonVersion = meta.GetProperty("jsonVersion").GetString()!,
            Operations = operations,
            Shapes = shapes,
            PatternProblems = problems,
        };
    }

    /// <summary>
    /// This model with the operations and shapes of <paramref name="supplement"/>, a trimmed copy of the same service's
    /// model holding operations ../shared/aws-models/ leaves out. Refused unless both describe the same wire (target
    /// prefix, signing name, JSON version), so a supplement can add operations but never change the protocol.
    /// </summary>
    public ServiceModel With(ServiceModel supplement)
    {
        if (supplement.TargetPrefix != TargetPrefix || supplement.SigningName != SigningName || supplement.JsonVersion != JsonVersion)
            throw new InvalidOperationException($"{supplement.FileName} does not describe the same service as {FileName}");
        var shapes = new Dictionary<string, Shape>(Shapes);
        foreach (var (name, shape) in supplement.Shapes) shapes.TryAdd(name, shape);
        var operations = new Dictionary<string, OperationModel>(Operations);
        foreach (var (name, op) in supplement.Operations) operations.Add(name, op);
        return new ServiceModel
        {
            FileName = FileName,
            TargetPrefix = TargetPrefix,
            SigningName = SigningName,
            JsonVersion = JsonVersion,
            Operations = operations,
            Shapes = shapes,
            PatternProblems = [.. PatternProblems, .. supplement.PatternProblems],
        };
    }

    /// <summary>
    /// The error code AWS uses for a request that breaks the model's constraints: services whose operation
    /// lists InvalidParameterException (Cognito, Logs, Budgets) answer with it; the others with ValidationException.
    /// </summary>
    public string ValidationErrorCode(OperationModel op) =>
        op.Errors.Contains("InvalidParameterException") ? "InvalidParameterException" : "ValidationException";

    /// <summary>The member name an error shape uses for its message ("message" or "Message").</summary>
    public string MessageMember(string errorCode) =>
        Shapes.TryGetValue(errorCode, out var s) && s.Members.ContainsKey("Message") ? "Message" : "message";
}
