using System.Globalization;
using System.Text.Json;

namespace Autri.Logs.Engine.Tests.Fuzzing;

/// <summary>
/// The oracle for <see cref="JsonFieldReader"/>: the same contract written plainly over System.Text.Json's
/// <see cref="Utf8JsonReader"/> (the engine's reader before it got a scanner of its own). Where Utf8JsonReader
/// cannot produce a .NET string (invalid UTF-8, a lone surrogate escape) it says so with <see cref="Undecodable"/>
/// instead of a value, and the test only asks the engine for some string there.
/// </summary>
internal sealed class ReferenceJsonReader
{
    public static readonly Value Undecodable = Value.Of("\u0000undecodable");

    private readonly Node _root = new([]);

    public ReferenceJsonReader(IEnumerable<(string Name, int Slot)> fields)
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
                    child = new Node(bytes);
                    node.Children.Add(child);
                }
                node = child;
            }
            node.Slot = slot;
        }
    }

    private sealed class Node(byte[] name)
    {
        public byte[] Name { get; } = name;

        public int Slot { get; set; } = -1;

        public List<Node> Children { get; } = [];
    }

    public bool TryRead(ReadOnlySpan<byte> line, Value[] row, out long? time)
    {
        time = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = JsonFieldReader.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            ReadObject(ref reader, _root, row, ref time, topLevel: true);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ReadObject(ref Utf8JsonReader reader, Node node, Value[] row, ref long? time, bool topLevel)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isTime = topLevel && NameEquals(ref reader, "time"u8);
            Node? child = null;
            foreach (var candidate in node.Children)
            {
                if (!NameEquals(ref reader, candidate.Name)) continue;
                child = candidate;
                break;
            }
            reader.Read();
            if (isTime && reader.TokenType == JsonTokenType.String && TryGetTime(ref reader) is { } parsed) time = parsed;
            if (child is null) reader.Skip();
            else ReadValue(ref reader, child, row, ref time);
        }
    }

    private static void ReadValue(ref Utf8JsonReader reader, Node node, Value[] row, ref long? time)
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
            JsonTokenType.String => String(ref reader),
            JsonTokenType.Number => Number(ref reader),
            JsonTokenType.True => Value.Of(true),
            JsonTokenType.False => Value.Of(false),
            _ => Value.Missing,
        };
    }

    private static void ReadArray(ref Utf8JsonReader reader, Node node, Value[] row, ref long? time)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var name = Encoding.UTF8.GetBytes(index.ToString(CultureInfo.InvariantCulture));
            var child = node.Children.FirstOrDefault(c => c.Name.AsSpan().SequenceEqual(name));
            if (child is null) reader.Skip();
            else ReadValue(ref reader, child, row, ref time);
            index++;
        }
    }

    // A name whose escapes are no text (a lone surrogate) equals no name a query can hold.
    private static bool NameEquals(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static long? TryGetTime(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.TryGetDateTimeOffset(out var parsed) ? parsed.ToUnixTimeMilliseconds() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static Value String(ref Utf8JsonReader reader)
    {
        try
        {
            return Value.Of(reader.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return Undecodable;
        }
    }

    // Integers beyond double precision keep their digits, as do numbers beyond a double's range.
    private static Value Number(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var whole) && (whole > 1L << 53 || whole < -(1L << 53)))
            return Value.Of(Encoding.UTF8.GetString(reader.ValueSpan));
        return reader.TryGetDouble(out var number) && double.IsFinite(number) ? Value.Of(number) : Value.Of(Encoding.UTF8.GetString(reader.ValueSpan));
    }
}
