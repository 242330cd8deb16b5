namespace Autri.AwsFake.Model;

/// <summary>
/// Validates a JSON value against a model shape the way AWS's request validation reports it
/// ("Value 'x' at 'clientName' failed to satisfy constraint: Member must …"). Stricter than AWS in two
/// documented ways: unknown members and JSON nulls are rejected, so a client that sends either fails its tests.
/// </summary>
public sealed class ShapeValidator(ServiceModel model, bool structureOnly = false)
{
    /// <summary>
    /// Checks of the fake's own answers: types, members and required members only. Real AWS answers do break
    /// length limits (SSM history sends "Labels": [] although the model says min 1), so those are not checked.
    /// </summary>
    public static ShapeValidator ForOutput(ServiceModel model) => new(model, structureOnly: true);

    public IReadOnlyList<string> Validate(string shapeName, JsonElement value)
    {
        var errors = new List<string>();
        Check(model.Shapes[shapeName], value, "", errors);
        return errors;
    }

    /// <summary>AWS's summary line: "2 validation errors detected: …; …".</summary>
    public static string Describe(IReadOnlyList<string> errors) =>
        $"{errors.Count} validation error{(errors.Count == 1 ? "" : "s")} detected: {string.Join("; ", errors.Take(10))}"
        + (errors.Count > 10 ? $"; and {errors.Count - 10} more" : "");

    private void Check(Shape shape, JsonElement v, string path, List<string> errors)
    {
        if (v.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"Value null at '{path}' is not allowed: omit the member instead of sending null");
            return;
        }
        switch (shape.Type)
        {
            case "structure":
                if (!Expect(v, JsonValueKind.Object, "structure", path, errors)) return;
                foreach (var p in v.EnumerateObject())
                {
                    var childPath = Join(path, p.Name);
                    if (!shape.Members.TryGetValue(p.Name, out var memberShape))
                    {
                        errors.Add($"Member '{p.Name}' at '{childPath}' is not a member of {shape.Name}");
                        continue;
                    }
                    Check(model.Shapes[memberShape], p.Value, childPath, errors);
                }
                foreach (var r in shape.Required)
                {
                    if (!v.TryGetProperty(r, out _))
                        errors.Add($"Value null at '{Join(path, r)}' failed to satisfy constraint: Member must not be null");
                }
                break;
            case "list":
                if (!Expect(v, JsonValueKind.Array, "list", path, errors)) return;
                if (!structureOnly) CheckLength(shape, v.GetArrayLength(), null, path, errors);
                var i = 0;
                foreach (var item in v.EnumerateArray())
                    Check(model.Shapes[shape.Member!], item, $"{path}.{++i}.member", errors);
                break;
            case "map":
                if (!Expect(v, JsonValueKind.Object, "map", path, errors)) return;
                var count = 0;
                foreach (var p in v.EnumerateObject())
                {
                    count++;
                    using var key = JsonDocument.Parse(JsonSerializer.Serialize(p.Name));
                    Check(model.Shapes[shape.Key!], key.RootElement, $"{path}.{p.Name}.key", errors);
                    Check(model.Shapes[shape.Value!], p.Value, $"{path}.{p.Name}.value", errors);
                }
                if (!structureOnly) CheckLength(shape, count, null, path, errors);
                break;
            case "string":
                if (!Expect(v, JsonValueKind.String, "string", path, errors)) return;
                if (!structureOnly) CheckString(shape, v.GetString()!, path, errors);
                break;
            case "boolean":
                if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    errors.Add($"Value at '{path}' must be a boolean, got {v.ValueKind}");
                break;
            case "integer":
            case "long":
                if (!Expect(v, JsonValueKind.Number, shape.Type, path, errors)) return;
                if (!v.TryGetInt64(out var n) || (shape.Type == "integer" && (n < int.MinValue || n > int.MaxValue)))
                {
                    errors.Add($"Value '{v.GetRawText()}' at '{path}' must be a whole number ({shape.Type})");
                    return;
                }
                if (!structureOnly) CheckRange(shape, n, v.GetRawText(), path, errors);
                break;
            case "double":
            case "float":
                if (!Expect(v, JsonValueKind.Number, shape.Type, path, errors)) return;
                if (!structureOnly) CheckRange(shape, v.GetDouble(), v.GetRawText(), path, errors);
                break;
            case "timestamp":
                // JSON 1.x sends timestamps as epoch seconds (a number) unless the shape says otherwise; none here does.
                if (v.ValueKind != JsonValueKind.Number)
                    errors.Add($"Value at '{path}' must be a timestamp in epoch seconds (a JSON number), got {v.ValueKind}");
                break;
            case "blob":
                if (!Expect(v, JsonValueKind.String, "base64 blob", path, errors)) return;
                try { Convert.FromBase64String(v.GetString()!); }
                catch (FormatException) { errors.Add($"Value at '{path}' must be base64"); }
                break;
            default:
                errors.Add($"Value at '{path}' has shape type {shape.Type}, which the fake does not know");
                break;
        }
    }

    private static void CheckString(Shape shape, string s, string path, List<string> errors)
    {
        var shown = shape.Sensitive ? "Value" : $"Value '{Truncate(s)}'";
        if (shape.Enum is { } allowed && !allowed.Contains(s))
            errors.Add($"{shown} at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        CheckLength(shape, s.Length, shown, path, errors);
        if (shape.CompiledPattern is { } re && !re.IsMatch(s))
            errors.Add($"{shown} at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {shape.Pattern}");
    }

    private static void CheckLength(Shape shape, int length, string? shown, string path, List<string> errors)
    {
        shown ??= "Value";
        if (shape.Min is { } min && length < min)
            errors.Add($"{shown} at '{path}' failed to satisfy constraint: Member must have length greater than or equal to {min.ToString(CultureInfo.InvariantCulture)}");
        if (shape.Max is { } max && length > max)
            errors.Add($"{shown} at '{path}' failed to satisfy constraint: Member must have length less than or equal to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    private static void CheckRange(Shape shape, double n, string raw, string path, List<string> errors)
    {
        if (shape.Min is { } min && n < min)
            errors.Add($"Value '{raw}' at '{path}' failed to satisfy constraint: Member must have value greater than or equal to {min.ToString(CultureInfo.InvariantCulture)}");
        if (shape.Max is { } max && n > max)
            errors.Add($"Value '{raw}' at '{path}' failed to satisfy constraint: Member must have value less than or equal to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    private static bool Expect(JsonElement v, JsonValueKind kind, string what, string path, List<string> errors)
    {
        if (v.ValueKind == kind) return true;
        errors.Add($"Value at '{path}' must be a {what}, got {v.ValueKind}");
        return false;
    }

    // AWS names members in lowerCamelCase in these messages ("clientName", "allowedOAuthScopes.1.member").
    private static string Join(string path, string member)
    {
        var name = member.Length > 0 ? char.ToLowerInvariant(member[0]) + member[1..] : member;
        return path.Length == 0 ? name : path + "." + name;
    }

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
