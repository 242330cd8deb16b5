namespace Autri.Mcp.Tools;

/// <summary>Thrown for input that breaks a tool's schema; its message goes back to the client as a tool error.</summary>
public sealed class ToolInputException(string message) : Exception(message);

/// <summary>
/// A tool call's arguments checked against the tool's <see cref="ToolParameter"/>s: unknown names, missing required
/// values, wrong JSON types, ranges and lengths each get a message that names the parameter and what it accepts.
/// </summary>
public sealed class ToolArguments
{
    private readonly Dictionary<string, JsonElement> _values;

    private ToolArguments(Dictionary<string, JsonElement> values) => _values = values;

    public static ToolArguments Check(IReadOnlyList<ToolParameter> parameters, IDictionary<string, JsonElement>? arguments)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            var p = parameters.FirstOrDefault(x => x.Name == name)
                ?? throw new ToolInputException($"Unknown argument '{Shorten(name)}'. This tool takes: {string.Join(", ", parameters.Select(x => x.Name))}.");
            if (value.ValueKind == JsonValueKind.Null) continue; // null means "not given"
            CheckValue(p, value);
            values[name] = value;
        }
        foreach (var p in parameters.Where(p => p.Required && !values.ContainsKey(p.Name)))
            throw new ToolInputException($"Missing required argument '{p.Name}': {p.Description}");
        return new ToolArguments(values);
    }

    public string? String(string name) => _values.TryGetValue(name, out var v) ? v.GetString() : null;

    public string RequiredString(string name) => String(name) ?? throw new ToolInputException($"Missing required argument '{name}'.");

    public int? Integer(string name) => _values.TryGetValue(name, out var v) ? v.GetInt32() : null;

    private static void CheckValue(ToolParameter p, JsonElement value)
    {
        switch (p.Type)
        {
            case ParameterType.String:
                if (value.ValueKind != JsonValueKind.String)
                    throw new ToolInputException($"'{p.Name}' must be a string, not {Describe(value.ValueKind)}.");
                var text = value.GetString()!;
                if (p.MinLength is { } minLength && text.Trim().Length < minLength)
                    throw new ToolInputException($"'{p.Name}' must not be empty.");
                if (p.MaxLength is { } maxLength && text.Length > maxLength)
                    throw new ToolInputException($"'{p.Name}' must be at most {maxLength} characters (got {text.Length}).");
                break;
            case ParameterType.Integer:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
                    throw new ToolInputException($"'{p.Name}' must be a whole number{(Range(p) is { Length: > 0 } r ? $" ({r})" : "")}, not {Describe(value)}.");
                if (p.Minimum is { } min && number < min || p.Maximum is { } max && number > max)
                    throw new ToolInputException($"'{p.Name}' must be {Range(p)}; got {number}.");
                break;
        }
    }

    private static string Range(ToolParameter p) => (p.Minimum, p.Maximum) switch
    {
        ({ } min, { } max) => $"from {min} to {max}",
        ({ } min, null) => $"at least {min}",
        (null, { } max) => $"at most {max}",
        _ => "",
    };

    private static string Describe(JsonElement value) => value.ValueKind == JsonValueKind.Number ? "a fraction or out-of-range number" : Describe(value.ValueKind);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
