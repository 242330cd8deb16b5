using System.Text.Json.Nodes;

namespace Autri.Mcp.Tools;

public enum ParameterType { String, Integer }

/// <summary>
/// One tool parameter: the single source of both its JSON schema (what tools/list advertises) and the checks
/// <see cref="ToolArguments"/> applies to what clients send, so the two cannot drift apart.
/// </summary>
public sealed record ToolParameter(string Name, ParameterType Type, string Description, bool Required = false)
{
    public int? Minimum { get; init; }

    public int? Maximum { get; init; }

    public int? Default { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? Format { get; init; }

    public JsonObject Schema()
    {
        var s = new JsonObject
        {
            ["type"] = Type == ParameterType.String ? "string" : "integer",
            ["description"] = Description,
        };
        if (Minimum is { } min) s["minimum"] = min;
        if (Maximum is { } max) s["maximum"] = max;
        if (Default is { } d) s["default"] = d;
        if (MinLength is { } minLength) s["minLength"] = minLength;
        if (MaxLength is { } maxLength) s["maxLength"] = maxLength;
        if (Format is { } format) s["format"] = format;
        return s;
    }

    public static JsonObject ObjectSchema(IReadOnlyList<ToolParameter> parameters)
    {
        var properties = new JsonObject();
        foreach (var p in parameters) properties[p.Name] = p.Schema();
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(parameters.Where(p => p.Required).Select(p => (JsonNode)JsonValue.Create(p.Name)!).ToArray()),
            ["additionalProperties"] = false,
        };
    }
}
