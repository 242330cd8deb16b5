namespace Autri.AwsFake.Services;

/// <summary>Small readers over validated request bodies, and writers for AWS's JSON 1.x encodings.</summary>
internal static class Json
{
    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetString() : null;

    public static bool Bool(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.GetBoolean();

    public static long? Long(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetInt64() : null;

    public static double? Double(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetDouble() : null;

    public static List<string> Strings(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(x => x.GetString()!).ToList() : [];

    public static JsonNode? Node(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? JsonNode.Parse(v.GetRawText()) : null;

    /// <summary>A timestamp as JSON 1.x sends it: epoch seconds, with milliseconds as a fraction.</summary>
    public static JsonNode Epoch(DateTimeOffset t) => JsonValue.Create(Math.Round(t.ToUnixTimeMilliseconds() / 1000.0, 3));

    public static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    /// <summary>An opaque page token the fake can read back: the offset, bound to the request it continues.</summary>
    public static string Token(int offset, string scope) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{offset}|{scope}"));

    public static int ReadToken(string? token, string scope, string errorCode)
    {
        if (token is null) return 0;
        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 2);
            if (parts.Length == 2 && parts[1] == scope && int.TryParse(parts[0], out var offset) && offset >= 0) return offset;
        }
        catch (FormatException) { }
        throw new Wire.AwsFakeException(errorCode, "The specified token is not valid.");
    }
}
