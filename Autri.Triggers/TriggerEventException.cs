using System.Text.Json;

namespace Autri.Triggers;

/// <summary>The event is not the JSON Cognito documents for this trigger; the message names what is wrong.</summary>
public sealed class TriggerEventException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reading members of a Cognito trigger event, with errors that name the member.</summary>
internal static class EventJson
{
    public static JsonDocument Parse(byte[] json, string trigger)
    {
        try
        {
            var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
            doc.Dispose();
            throw new TriggerEventException($"The {trigger} event must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new TriggerEventException($"The {trigger} event is not valid JSON: {e.Message}", e);
        }
    }

    public static string RequiredString(JsonElement parent, string path, string trigger)
    {
        var value = Find(parent, path);
        return value is { ValueKind: JsonValueKind.String } s && s.GetString() is { Length: > 0 } text
            ? text
            : throw new TriggerEventException($"The {trigger} event has no {path} (a non-empty string)");
    }

    public static JsonElement RequiredObject(JsonElement parent, string path, string trigger) =>
        Find(parent, path) is { ValueKind: JsonValueKind.Object } o
            ? o
            : throw new TriggerEventException($"The {trigger} event has no {path} (an object)");

    /// <summary>
    /// A user attribute as text. Cognito sends attributes as strings ("true"); the docs' own test event sends
    /// <c>email_verified</c> as a JSON boolean, so booleans are read too.
    /// </summary>
    public static string? Attribute(JsonElement attributes, string name) =>
        attributes.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    private static JsonElement? Find(JsonElement parent, string path)
    {
        var current = parent;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
        }
        return current;
    }
}
