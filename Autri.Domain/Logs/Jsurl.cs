using System.Collections;

namespace Autri.Domain.Logs;

/// <summary>
/// JSURL (Sage/jsurl, the classic 2011 format), the JSON-in-a-URL notation the CloudWatch console uses for its
/// page state. Strings keep <c>[A-Za-z0-9_.-]</c>; every other UTF-16 unit becomes <c>*xx</c> (below 0x100) or
/// <c>**xxxx</c>, in lower-case hex. The jsurl library writes <c>$</c> as <c>!</c>; its reader (the console's) takes
/// <c>*24</c> as well, so <c>$</c> is escaped like the rest, as the issue asks, and <c>!</c> is still read back. Objects are <c>~(key~value~key~value)</c>,
/// arrays <c>~(~value~value)</c>, strings <c>~'text</c>, booleans <c>~true</c>/<c>~false</c>, numbers <c>~12</c>.
/// </summary>
public static class Jsurl
{
    /// <summary>An object with its keys in order (JSURL, like the console, keeps insertion order).</summary>
    public sealed class Object(IEnumerable<KeyValuePair<string, object?>> members) : IEnumerable<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _members = members.ToList();

        public object? this[string key] => _members.FirstOrDefault(m => m.Key == key).Value;

        public IReadOnlyList<string> Keys => _members.Select(m => m.Key).ToList();

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _members.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Values: null, string, bool, numbers, <see cref="Object"/> (or any key/value sequence), other sequences as arrays.</summary>
    public static string Stringify(object? value) => value switch
    {
        null => "~null",
        string s => "~'" + Encode(s),
        bool b => b ? "~true" : "~false",
        int or long or short or byte or uint or ulong => "~" + Convert.ToString(value, CultureInfo.InvariantCulture),
        double d => double.IsFinite(d) ? "~" + d.ToString("R", CultureInfo.InvariantCulture) : "~null",
        IEnumerable<KeyValuePair<string, object?>> members =>
            "~(" + string.Join('~', members.Select(m => Encode(m.Key) + Stringify(m.Value))) + ")",
        IEnumerable items => StringifyArray(items),
        _ => throw new ArgumentException($"JSURL cannot hold a {value.GetType().Name}", nameof(value)),
    };

    private static string StringifyArray(IEnumerable items)
    {
        var inner = string.Concat(items.Cast<object?>().Select(Stringify));
        return "~(" + (inner.Length == 0 ? "~" : inner) + ")";
    }

    /// <summary>The string escape alone: what follows <c>~'</c>.</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-') builder.Append(c);
            else if (c < 0x100) builder.Append('*').Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else builder.Append("**").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>Reads JSURL back: objects as <see cref="Object"/>, arrays as lists, numbers as doubles.</summary>
    /// <exception cref="FormatException">When <paramref name="text"/> is not JSURL.</exception>
    public static object? Parse(string text)
    {
        var position = 0;
        var value = ParseValue(text, ref position);
        if (position != text.Length) throw new FormatException($"unexpected '{text[position]}' at {position} in JSURL");
        return value;
    }

    private static object? ParseValue(string s, ref int i)
    {
        Expect(s, ref i, '~');
        if (i >= s.Length) throw new FormatException("JSURL ends after ~");
        switch (s[i])
        {
            case '(':
                i++;
                object? result;
                if (i < s.Length && s[i] == '~')
                {
                    var items = new List<object?>();
                    if (i + 1 < s.Length && s[i + 1] == ')') i++;
                    else
                        do items.Add(ParseValue(s, ref i));
                        while (i < s.Length && s[i] == '~');
                    result = items;
                }
                else
                {
                    var members = new List<KeyValuePair<string, object?>>();
                    if (i < s.Length && s[i] != ')')
                    {
                        while (true)
                        {
                            var key = Decode(s, ref i);
                            members.Add(new(key, ParseValue(s, ref i)));
                            if (i < s.Length && s[i] == '~') i++;
                            else break;
                        }
                    }
                    result = new Object(members);
                }
                Expect(s, ref i, ')');
                return result;
            case '\'':
                i++;
                return Decode(s, ref i);
            default:
                var start = i;
                while (i < s.Length && s[i] != ')' && s[i] != '~') i++;
                var word = s[start..i];
                if (word.Length > 0 && (char.IsAsciiDigit(word[0]) || word[0] == '-'))
                    return double.Parse(word, NumberStyles.Float, CultureInfo.InvariantCulture);
                return word switch
                {
                    "true" => true,
                    "false" => false,
                    "null" => null,
                    _ => throw new FormatException($"unknown JSURL keyword '{word}'"),
                };
        }
    }

    private static string Decode(string s, ref int i)
    {
        var builder = new StringBuilder();
        while (i < s.Length && s[i] != '~' && s[i] != ')')
        {
            if (s[i] == '*')
            {
                var wide = i + 1 < s.Length && s[i + 1] == '*';
                var digits = wide ? 4 : 2;
                var at = i + (wide ? 2 : 1);
                if (at + digits > s.Length) throw new FormatException($"truncated JSURL escape at {i}");
                builder.Append((char)int.Parse(s.AsSpan(at, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i = at + digits;
            }
            else if (s[i] == '!')
            {
                builder.Append('$');
                i++;
            }
            else builder.Append(s[i++]);
        }
        return builder.ToString();
    }

    private static void Expect(string s, ref int i, char expected)
    {
        if (i >= s.Length || s[i] != expected)
            throw new FormatException($"expected '{expected}' at {i} in JSURL, found {(i < s.Length ? $"'{s[i]}'" : "the end")}");
        i++;
    }
}
