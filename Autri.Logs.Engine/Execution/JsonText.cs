using System.Buffers.Text;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Autri.Logs.Engine.Execution;

/// <summary>
/// The pieces of JSON syntax <see cref="JsonFieldReader"/> checks and decodes, by RFC 8259's rules as
/// <c>Utf8JsonReader</c> applies them (no comments, no trailing commas, no other whitespace than space, tab,
/// line feed and carriage return).
/// </summary>
internal static class JsonText
{
    // Inside a string: its end, an escape, or a control character (which JSON forbids unescaped).
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhitespace(ReadOnlySpan<byte> text, int at)
    {
        while (at < text.Length && text[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') at++;
        return at;
    }

    /// <summary>At the opening quote; on success <paramref name="at"/> is just past the closing one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool SkipString(ReadOnlySpan<byte> text, ref int at, out bool escaped)
    {
        escaped = false;
        var i = at + 1;
        while (true)
        {
            i = NextStringStop(text, i);
            if (i < 0) return false;
            switch (text[i])
            {
                case (byte)'"':
                    at = i + 1;
                    return true;
                case (byte)'\\':
                    escaped = true;
                    if (i + 1 >= text.Length) return false;
                    switch (text[i + 1])
                    {
                        case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                            i += 2;
                            break;
                        case (byte)'u':
                            if (i + 6 > text.Length || !IsHex(text[i + 2]) || !IsHex(text[i + 3]) || !IsHex(text[i + 4]) || !IsHex(text[i + 5])) return false;
                            i += 6;
                            break;
                        default:
                            return false;
                    }
                    break;
                default:
                    return false;
            }
        }
    }

    // The next quote, backslash or control character from `at`, sixteen bytes at a time; -1 when there is none.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextStringStop(ReadOnlySpan<byte> text, int at)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(text);
            var quote = Vector128.Create((byte)'"');
            var backslash = Vector128.Create((byte)'\\');
            var space = Vector128.Create((byte)0x20);
            for (; at + Vector128<byte>.Count <= text.Length; at += Vector128<byte>.Count)
            {
                var chunk = Vector128.LoadUnsafe(ref start, (nuint)at);
                var stops = Vector128.Equals(chunk, quote) | Vector128.Equals(chunk, backslash) | Vector128.LessThan(chunk, space);
                if (stops != Vector128<byte>.Zero) return at + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
            }
        }
        var rest = text[at..].IndexOfAny(StringStops);
        return rest < 0 ? -1 : at + rest;
    }

    /// <summary>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?; on success <paramref name="at"/> is just past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool SkipNumber(ReadOnlySpan<byte> text, ref int at)
    {
        var i = at;
        if (i < text.Length && text[i] == '-') i++;
        if (i >= text.Length || !char.IsAsciiDigit((char)text[i])) return false;
        if (text[i] == '0') i++;
        else i = Digits(text, i);
        if (i < text.Length && text[i] == '.')
        {
            var fraction = i + 1;
            i = Digits(text, fraction);
            if (i == fraction) return false;
        }
        if (i < text.Length && (text[i] | 0x20) == 'e')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-') i++;
            var exponent = i;
            i = Digits(text, exponent);
            if (i == exponent) return false;
        }
        at = i;
        return true;
    }

    /// <summary>
    /// A JSON number as the engine keeps it: a double, except integers beyond double precision (long ids) and
    /// numbers beyond its range, which keep their exact digits as text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Value Number(ReadOnlySpan<byte> number)
    {
        // The usual case, a short integer: exact in a double, no parser needed.
        var negative = number[0] == '-';
        var digits = negative ? number[1..] : number;
        if (digits.Length <= 15)
        {
            long whole = 0;
            var i = 0;
            for (; i < digits.Length && char.IsAsciiDigit((char)digits[i]); i++) whole = whole * 10 + (digits[i] - '0');
            if (i == digits.Length) return Value.Of(negative ? -(double)whole : whole);
        }
        if (Utf8Parser.TryParse(number, out long integer, out var consumed) && consumed == number.Length && integer is > 1L << 53 or < -(1L << 53))
            return Value.Of(Encoding.UTF8.GetString(number));
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? Value.Of(value)
            : Value.Of(Encoding.UTF8.GetString(number));
    }

    /// <summary>The text of a string with escapes (without its quotes), decoded; see <see cref="JsonFieldReader"/> for what cannot be.</summary>
    public static string Unescape(ReadOnlySpan<byte> escaped)
    {
        var text = new StringBuilder(escaped.Length);
        var i = 0;
        while (i < escaped.Length)
        {
            var backslash = escaped[i..].IndexOf((byte)'\\');
            var plain = backslash < 0 ? escaped[i..] : escaped.Slice(i, backslash);
            text.Append(Encoding.UTF8.GetString(plain));
            if (backslash < 0) break;
            i += backslash;
            var kind = escaped[i + 1];
            if (kind != 'u')
            {
                text.Append(kind switch { (byte)'b' => '\b', (byte)'f' => '\f', (byte)'n' => '\n', (byte)'r' => '\r', (byte)'t' => '\t', _ => (char)kind });
                i += 2;
                continue;
            }
            var unit = (char)Hex(escaped.Slice(i + 2, 4));
            i += 6;
            if (char.IsHighSurrogate(unit) && i + 6 <= escaped.Length && escaped[i] == '\\' && escaped[i + 1] == 'u'
                && (char)Hex(escaped.Slice(i + 2, 4)) is var low && char.IsLowSurrogate(low))
            {
                text.Append(unit).Append(low);
                i += 6;
            }
            else text.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
        }
        return text.ToString();
    }

    /// <summary>A property name with escapes as the UTF-8 bytes it stands for, to compare with the names a query reads.</summary>
    public static byte[] UnescapeToUtf8(ReadOnlySpan<byte> escaped) => Encoding.UTF8.GetBytes(Unescape(escaped));

    /// <summary>
    /// An ISO 8601 time string as epoch milliseconds, or null. The apps' own format (<c>2026-11-21T10:00:05.120Z</c>)
    /// is read here; anything else goes to <c>Utf8JsonReader.TryGetDateTimeOffset</c>, which decides.
    /// </summary>
    /// <param name="quoted">The string token with its quotes.</param>
    /// <param name="text">Its text, without them.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long? TryParseTime(ReadOnlySpan<byte> quoted, ReadOnlySpan<byte> text, bool escaped)
    {
        if (!escaped && TryParseUtcMilliseconds(text, out var fast)) return fast;
        var reader = new Utf8JsonReader(quoted);
        try
        {
            return reader.Read() && reader.TryGetDateTimeOffset(out var parsed) ? parsed.ToUnixTimeMilliseconds() : null;
        }
        catch (InvalidOperationException)
        {
            // An escape that is no text (a lone surrogate) is no time either.
            return null;
        }
    }

    // yyyy-MM-ddTHH:mm:ss.fffZ only, every part in range; anything else is left to the general parser. Lines come
    // in time order, so the day of the previous line (per thread: queries run side by side) is usually this one's.
    [ThreadStatic] private static long t_dayKey;
    [ThreadStatic] private static long t_dayStart;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseUtcMilliseconds(ReadOnlySpan<byte> t, out long milliseconds)
    {
        milliseconds = 0;
        if (t.Length != 24 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.' || t[23] != 'Z') return false;
        if (!TryDigits(t.Slice(11, 2), out var hour) || !TryDigits(t.Slice(14, 2), out var minute) || !TryDigits(t.Slice(17, 2), out var second)
            || !TryDigits(t.Slice(20, 3), out var millisecond) || hour > 23 || minute > 59 || second > 59)
            return false;
        // The date's eight digits as one number, 0 never being a valid date.
        if (!TryDigits(t[..4], out var year) || !TryDigits(t.Slice(5, 2), out var month) || !TryDigits(t.Slice(8, 2), out var day)) return false;
        var key = (year * 100L + month) * 100 + day;
        if (key != t_dayKey)
        {
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
            t_dayStart = (new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
            t_dayKey = key;
        }
        milliseconds = t_dayStart + ((hour * 60L + minute) * 60 + second) * 1000 + millisecond;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            if (!char.IsAsciiDigit((char)d)) return false;
            value = value * 10 + (d - '0');
        }
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> text, int at)
    {
        while (at < text.Length && char.IsAsciiDigit((char)text[at])) at++;
        return at;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int Hex(ReadOnlySpan<byte> four) => int.Parse(four, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
