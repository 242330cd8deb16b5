namespace Autri.AwsFake.Model;

/// <summary>One shape of a C2J model (the JSON the AWS SDKs are generated from), as much as validation needs.</summary>
public sealed class Shape
{
    public required string Name { get; init; }
    public required string Type { get; init; }
    public IReadOnlyDictionary<string, string> Members { get; init; } = new Dictionary<string, string>();
    public IReadOnlySet<string> Required { get; init; } = new HashSet<string>();
    public string? Member { get; init; }
    public string? Key { get; init; }
    public string? Value { get; init; }
    public IReadOnlyList<string>? Enum { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public string? Pattern { get; init; }
    public Regex? CompiledPattern { get; init; }
    public bool Sensitive { get; init; }
    public bool IsException { get; init; }
    public bool IsFault { get; init; }

    internal static Shape From(string name, JsonElement e, List<string> patternProblems)
    {
        var members = new Dictionary<string, string>();
        if (e.TryGetProperty("members", out var ms))
            foreach (var m in ms.EnumerateObject()) members[m.Name] = m.Value.GetProperty("shape").GetString()!;
        var required = new HashSet<string>();
        if (e.TryGetProperty("required", out var req))
            foreach (var r in req.EnumerateArray()) required.Add(r.GetString()!);
        string? pattern = e.TryGetProperty("pattern", out var p) ? p.GetString() : null;
        Regex? compiled = null;
        if (pattern is not null)
        {
            compiled = JavaPattern.TryCompile(pattern, out var error);
            if (compiled is null) patternProblems.Add($"{name}: pattern {pattern} not enforced ({error})");
        }
        return new Shape
        {
            Name = name,
            Type = e.GetProperty("type").GetString()!,
            Members = members,
            Required = required,
            Member = Ref(e, "member"),
            Key = Ref(e, "key"),
            Value = Ref(e, "value"),
            Enum = e.TryGetProperty("enum", out var en) ? en.EnumerateArray().Select(x => x.GetString()!).ToList() : null,
            Min = e.TryGetProperty("min", out var min) ? min.GetDouble() : null,
            Max = e.TryGetProperty("max", out var max) ? max.GetDouble() : null,
            Pattern = pattern,
            CompiledPattern = compiled,
            Sensitive = e.TryGetProperty("sensitive", out var s) && s.GetBoolean(),
            IsException = e.TryGetProperty("exception", out var x) && x.GetBoolean(),
            IsFault = e.TryGetProperty("fault", out var f) && f.GetBoolean(),
        };
    }

    private static string? Ref(JsonElement e, string name) =>
        e.TryGetProperty(name, out var r) ? r.GetProperty("shape").GetString() : null;
}
