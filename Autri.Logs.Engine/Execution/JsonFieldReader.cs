namespace Autri.Logs.Engine.Execution;

/// <summary>
/// Reads one JSON log line into a row, taking only the fields the query names. Nested objects are addressed
/// with dots (<c>exception.type</c>) and array items by index (<c>tags.0</c>), as Logs Insights flattens JSON.
/// The top-level <c>time</c> field becomes the event time; a repeated key counts as written last.
/// </summary>
/// <remarks>
/// The engine's hot path, so a scanner of its own rather than <c>Utf8JsonReader</c>: it accepts and refuses the
/// same lines (RFC 8259 JSON, at most 64 levels deep, text after the line's object ignored; the engine's
/// differential fuzz test holds it to that), but compares property names as raw bytes, skips strings with a
/// vectorized search, parses small integers and the apps' own time format directly, and reuses the strings of
/// fields that repeat (<see cref="StringCache"/>). Values the reader does not need are checked, never decoded.
/// Where JSON allows what .NET strings cannot hold (invalid UTF-8, a lone surrogate escape) the text keeps
/// U+FFFD in its place; a number too large for a double keeps its digits as text.
/// </remarks>
internal sealed class JsonFieldReader
{
    /// <summary>Utf8JsonReader's default and ours: deeper lines are malformed.</summary>
    public const int MaxDepth = 64;

    private static readonly byte[] TimeProperty = "time"u8.ToArray();

    private readonly Node _root = new([]);

    public JsonFieldReader(IEnumerable<(string Name, int Slot)> fields)
    {
        foreach (var (name, slot) in fields)
        {
            var node = _root;
            foreach (var segment in name.Split('.'))
                node = node.Child(Encoding.UTF8.GetBytes(segment));
            node.Slot = slot;
        }
    }

    /// <summary>Fills <paramref name="row"/>; false when the line is not a JSON object.</summary>
    /// <param name="time">The top-level <c>time</c> as epoch milliseconds, when it is an ISO 8601 string.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(ReadOnlySpan<byte> line, Value[] row, out long? time)
    {
        time = null;
        var at = JsonText.SkipWhitespace(line, 0);
        if (at >= line.Length || line[at] != '{') return false;
        return ReadObject(line, ref at, _root, row, 1, ref time);
    }

    // At '{' with `open` containers open counting this one; leaves `at` after the matching '}'.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadObject(ReadOnlySpan<byte> line, ref int at, Node? node, Value[] row, int open, ref long? time)
    {
        var topLevel = node == _root;
        at = JsonText.SkipWhitespace(line, at + 1);
        if (at < line.Length && line[at] == '}')
        {
            at++;
            return true;
        }
        while (true)
        {
            if (at >= line.Length || line[at] != '"') return false;
            var nameStart = at + 1;
            if (!JsonText.SkipString(line, ref at, out var nameEscaped)) return false;
            var name = line[nameStart..(at - 1)];
            at = JsonText.SkipWhitespace(line, at);
            if (at >= line.Length || line[at] != ':') return false;
            at = JsonText.SkipWhitespace(line, at + 1);

            if (nameEscaped) name = JsonText.UnescapeToUtf8(name);
            var child = node?.Find(name);
            var isTime = topLevel && name.Length == 4 && name.SequenceEqual(TimeProperty);
            if (!ReadValue(line, ref at, child, row, open, isTime, ref time)) return false;

            at = JsonText.SkipWhitespace(line, at);
            if (at >= line.Length) return false;
            if (line[at] == '}')
            {
                at++;
                return true;
            }
            if (line[at] != ',') return false;
            at = JsonText.SkipWhitespace(line, at + 1);
        }
    }

    // At '['; items are children named by index ("0", "1", …).
    private bool ReadArray(ReadOnlySpan<byte> line, ref int at, Node? node, Value[] row, int open, ref long? time)
    {
        at = JsonText.SkipWhitespace(line, at + 1);
        if (at < line.Length && line[at] == ']')
        {
            at++;
            return true;
        }
        Span<byte> index = stackalloc byte[11];
        for (var i = 0; ; i++)
        {
            Node? child = null;
            if (node is { Children.Length: > 0 })
            {
                i.TryFormat(index, out var written, provider: CultureInfo.InvariantCulture);
                child = node.Find(index[..written]);
            }
            if (!ReadValue(line, ref at, child, row, open, isTime: false, ref time)) return false;
            at = JsonText.SkipWhitespace(line, at);
            if (at >= line.Length) return false;
            if (line[at] == ']')
            {
                at++;
                return true;
            }
            if (line[at] != ',') return false;
            at = JsonText.SkipWhitespace(line, at + 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadValue(ReadOnlySpan<byte> line, ref int at, Node? node, Value[] row, int open, bool isTime, ref long? time)
    {
        if (at >= line.Length) return false;
        var start = at;
        switch (line[at])
        {
            case (byte)'{':
                return open < MaxDepth && ReadObject(line, ref at, node is { Children.Length: > 0 } ? node : null, row, open + 1, ref time);
            case (byte)'[':
                return open < MaxDepth && ReadArray(line, ref at, node is { Children.Length: > 0 } ? node : null, row, open + 1, ref time);
            case (byte)'"':
                if (!JsonText.SkipString(line, ref at, out var escaped)) return false;
                var text = line[(start + 1)..(at - 1)];
                if (isTime && JsonText.TryParseTime(line[start..at], text, escaped) is { } parsed) time = parsed;
                if (node is { Slot: >= 0 }) row[node.Slot] = Value.Of(escaped ? JsonText.Unescape(text) : node.Strings.Get(text));
                return true;
            case (byte)'t':
                if (!line[at..].StartsWith("true"u8)) return false;
                at += 4;
                if (node is { Slot: >= 0 }) row[node.Slot] = Value.Of(true);
                return true;
            case (byte)'f':
                if (!line[at..].StartsWith("false"u8)) return false;
                at += 5;
                if (node is { Slot: >= 0 }) row[node.Slot] = Value.Of(false);
                return true;
            case (byte)'n':
                if (!line[at..].StartsWith("null"u8)) return false;
                at += 4;
                if (node is { Slot: >= 0 }) row[node.Slot] = Value.Missing;
                return true;
            default:
                if (!JsonText.SkipNumber(line, ref at)) return false;
                if (node is { Slot: >= 0 }) row[node.Slot] = JsonText.Number(line[start..at]);
                return true;
        }
    }

    /// <summary>A field name segment the query reads, the fields below it, and the strings it has read.</summary>
    private sealed class Node(byte[] name)
    {
        public byte[] Name { get; } = name;

        public int Slot { get; set; } = -1;

        public Node[] Children { get; private set; } = [];

        public StringCache Strings { get; } = new();

        // Bit n set: a child's name is n bytes long (63 for any longer), so most names a line holds and the
        // query does not read are passed over without a comparison.
        private ulong _lengths;

        public Node Child(byte[] name)
        {
            if (Find(name) is { } existing) return existing;
            var child = new Node(name);
            Children = [.. Children, child];
            _lengths |= 1UL << Math.Min(name.Length, 63);
            return child;
        }

        public Node? Find(ReadOnlySpan<byte> name)
        {
            if ((_lengths & (1UL << Math.Min(name.Length, 63))) == 0) return null;
            foreach (var child in Children)
                if (name.SequenceEqual(child.Name)) return child;
            return null;
        }
    }
}
