namespace Autri.Logs.Engine.Execution;

/// <summary>
/// The strings one field has read lately, by their UTF-8 bytes, so a value that repeats (a level, an event name,
/// a path, a tool) is decoded and allocated once rather than on every line. A field whose values rarely repeat
/// (request ids, messages) stops looking after a while: for it the lookup would only cost.
/// </summary>
internal sealed class StringCache
{
    private const int Size = 256;
    private const int MaxLength = 64;
    private const int Sample = 1024;

    private readonly Entry[] _entries = new Entry[Size];
    private int _lookups;
    private int _hits;
    private bool _off;

    private readonly record struct Entry(byte[] Key, string Value);

    /// <summary>The string for <paramref name="utf8"/> (invalid bytes become U+FFFD).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (_off || utf8.Length > MaxLength) return Encoding.UTF8.GetString(utf8);
        return Lookup(utf8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Lookup(ReadOnlySpan<byte> utf8)
    {
        if (++_lookups == Sample)
        {
            // Fewer than half found: the field's values do not repeat enough to pay for the lookups.
            if (_hits < Sample / 2) _off = true;
            _lookups = _hits = 0;
        }
        ref var entry = ref _entries[Hash(utf8) & (Size - 1)];
        if (entry.Key is { } key && utf8.SequenceEqual(key))
        {
            _hits++;
            return entry.Value;
        }
        var value = Encoding.UTF8.GetString(utf8);
        entry = new Entry(utf8.ToArray(), value);
        return value;
    }

    // Length and the first and last eight bytes: enough to tell apart the short values worth caching.
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        ulong head = 0, tail = 0;
        if (utf8.Length >= 8)
        {
            head = MemoryMarshal.Read<ulong>(utf8);
            tail = MemoryMarshal.Read<ulong>(utf8[^8..]);
        }
        else
        {
            foreach (var b in utf8) head = (head << 8) | b;
        }
        var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)utf8.Length;
        return (int)(mixed >> 32) ^ (int)mixed;
    }
}
