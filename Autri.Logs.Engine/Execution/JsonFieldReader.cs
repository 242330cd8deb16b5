using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Autri.Logs.Engine.Execution;

/// <summary>
/// Reads one JSON log line into a row, taking only the fields the query names. Nested objects are addressed
/// with dots (<c>exception.type</c>) and array items by index (<c>tags.0</c>), as Logs Insights flattens JSON.
/// The <c>time</c> field becomes the event time.
/// </summary>
internal sealed class JsonFieldReader
{
    private static readonly byte[] TimeProperty = "time"u8.ToArray();

    private readonly Node _root = new([], -1);

    public JsonFieldReader(IEnumerable<(string Name, int Slot)> fields)
    {
        foreach (var (name, slot) in fields)
        {
            var node = _root;
            foreach (var segment in name.Split('.'))
            {
                var bytes = Encoding.UTF8.GetBytes(segment);
                var child = node.Children.FirstOrDefault(c => c.Name.AsSpan().SequenceEqual(bytes));
                if (child is null)
                {
                    child = new Node(bytes, -1);
                    node.Children.Add(child);
                }
                node = child;
            }
            node.Slot = slot;
        }
    }

    private sealed class Node(byte[] name, int slot)
    {
        public byte[] Name { get; } = name;

        public int Slot { get; set; } = slot;

        public List<Node> Children { get; } = [];
    }

    /// <summary>Fills <paramref name="row"/>; false when the line is not a JSON object.</summary>
    public bool TryRead(ReadOnlySpan<byte> line, Value[] row, out DateTimeOffset? time)
    {
        time = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            ReadObject(ref reader, _root, row, ref time, topLevel: true);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ReadObject(ref Utf8JsonReader reader, Node node, Value[] row, ref DateTimeOffset? time, bool topLevel)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isTime = topLevel && reader.ValueTextEquals(TimeProperty);
            Node? child = null;
            foreach (var candidate in node.Children)
            {
                if (!reader.ValueTextEquals(candidate.Name)) continue;
                child = candidate;
                break;
            }
            reader.Read();
            if (isTime && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var parsed)) time = parsed;
            if (child is null) reader.Skip();
            else ReadValue(ref reader, child, row, ref time);
        }
    }

    private static void ReadValue(ref Utf8JsonReader reader, Node node, Value[] row, ref DateTimeOffset? time)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject when node.Children.Count > 0:
                ReadObject(ref reader, node, row, ref time, topLevel: false);
                return;
            case JsonTokenType.StartArray when node.Children.Count > 0:
                ReadArray(ref reader, node, row, ref time);
                return;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return;
        }
        if (node.Slot < 0) return;
        row[node.Slot] = reader.TokenType switch
        {
            JsonTokenType.String => Value.Of(reader.GetString()!),
            JsonTokenType.Number => ReadNumber(ref reader),
            JsonTokenType.True => Value.Of(true),
            JsonTokenType.False => Value.Of(false),
            _ => Value.Missing,
        };
    }

    private static void ReadArray(ref Utf8JsonReader reader, Node node, Value[] row, ref DateTimeOffset? time)
    {
        var index = 0;
        Span<byte> name = stackalloc byte[11];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            index.TryFormat(name, out var written, provider: CultureInfo.InvariantCulture);
            Node? child = null;
            foreach (var candidate in node.Children)
            {
                if (!candidate.Name.AsSpan().SequenceEqual(name[..written])) continue;
                child = candidate;
                break;
            }
            if (child is null) reader.Skip();
            else ReadValue(ref reader, child, row, ref time);
            index++;
        }
    }

    // Integers beyond double precision (long ids) keep their exact digits as text.
    private static Value ReadNumber(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var whole) && Math.Abs(whole) > (1L << 53))
            return Value.Of(Encoding.UTF8.GetString(reader.ValueSpan));
        return reader.TryGetDouble(out var number) ? Value.Of(number) : Value.Of(Encoding.UTF8.GetString(reader.ValueSpan));
    }
}
