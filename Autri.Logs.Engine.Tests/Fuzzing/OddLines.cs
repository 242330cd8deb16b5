namespace Autri.Logs.Engine.Tests.Fuzzing;

/// <summary>
/// Log lines as bytes, from the ordinary to the hostile: deep nesting, numbers beyond any range, invalid UTF-8,
/// NUL bytes, enormous strings, duplicate keys, escapes of every kind, truncation; and random mutations of
/// ordinary lines. Every line is one line: no line feed inside.
/// </summary>
internal static class OddLines
{
    private const string Time = "2026-11-21T10:00:00.000Z";

    private static readonly byte[] InvalidUtf8 = [0xC3, 0xFF, 0xED, 0xA0, 0x80];

    // The corpus lines small enough to mutate many times over.
    private static readonly List<byte[]> SmallCorpus = [.. Corpus().Where(l => l.Length < 10_000)];

    /// <summary>The fixed corpus: each kind of oddity once.</summary>
    public static IEnumerable<byte[]> Corpus()
    {
        yield return Utf8($$"""{"time":"{{Time}}","level":"error","message":"Connector 5 not found","event":"http_request","duration_ms":1500,"path":"/x","status":500,"tool":"search","latency_ms":12,"n":1,"name":"a"}""");
        yield return Utf8("{\"time\":\"" + Time + "\",\"exception\":{\"type\":\"Timeout\",\"message\":\"deep\"},\"tags\":[\"a\",\"b\",{\"c\":1}],\"a\":{\"b\":{\"c\":\"abc\"}}}");
        yield return Utf8("{\"time\":\"" + Time + "\",\"deep\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        yield return Utf8("{\"time\":\"" + Time + "\",\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", 63)) + "1" + new string('}', 63) + "}");
        yield return Utf8("{\"time\":\"" + Time + "\",\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", 64)) + "1" + new string('}', 64) + "}");
        yield return Utf8("{\"deep\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":\"five\"}}}}},\"time\":\"" + Time + "\"}");
        yield return Utf8($$"""{"time":"{{Time}}","big":1e400,"huge":-1e400,"n":123456789012345678901234567890,"duration_ms":-9223372036854775808,"latency_ms":9223372036854775808,"status":1E-400}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":9007199254740993,"big":0.1e1,"huge":-0,"status":4.9e-324,"latency_ms":1.7976931348623157e308}""");
        yield return [.. Utf8("{\"time\":\"" + Time + "\",\"message\":\"bad "), 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, .. Utf8("\",\"level\":\"error\"}")];
        yield return [.. Utf8("{\"time\":\""), 0xC3, .. Utf8("\",\"lev"), 0xE9, .. Utf8("l\":1}")];
        yield return [.. Utf8($$"""{"time":"{{Time}}","nul":"a"""), 0x00, .. Utf8("""b"}""")];
        yield return [.. Utf8($$"""{"time":"{{Time}}","n":1}"""), 0x00, 0x00];
        yield return [0x00, .. Utf8($$"""{"time":"{{Time}}"}""")];
        yield return Utf8($$"""{"time":"{{Time}}","nul":"a\u0000b","message":"\ud800 lone, \udc00 low, \ud83d\ude00 pair, \u00e9, \/, \b\f\n\r\t"}""");
        yield return Utf8("{\"time\":\"" + Time + "\",\"message\":\"" + new string('a', 2_000_000) + "!\"}");
        yield return Utf8("{\"time\":\"" + Time + "\",\"message\":\"" + new string('a', 40) + "!\",\"path\":\"" + string.Concat(Enumerable.Repeat("x", 40)) + "\"}");
        yield return Utf8($$"""{"time":"{{Time}}","dup":1,"dup":"two","dup":null,"level":"info","level":"error","time":"2026-11-21T10:00:01.000Z"}""");
        yield return Utf8($$"""{"ti\u006de":"{{Time}}","\u006cevel":"error","me\"ssage":"quoted key","":"empty key","`odd field`":1,"odd field":2,"x.y":3}""");
        yield return Utf8($$"""{"time":"2026-13-45T25:61:61.000Z","level":"error"}""");
        yield return Utf8($$"""{"time":"2026-11-21T10:00:00+05:30","level":"error"}""");
        yield return Utf8($$"""{"time":"2026-11-21T10:00:00.1234567Z","level":"error"}""");
        yield return Utf8($$"""{"time":"0001-01-01T00:00:00.000Z","level":"error"}""");
        yield return Utf8($$"""{"time":"9999-12-31T23:59:59.999Z","level":"error"}""");
        yield return Utf8($$"""{"time":"2024-02-29T12:00:00.000Z"}""");
        yield return Utf8($$"""{"time":"2023-02-29T12:00:00.000Z"}""");
        yield return Utf8($$"""{"time":12345,"level":"error"}""");
        yield return Utf8("{\"time\":{\"nested\":\"" + Time + "\"}}");
        yield return Utf8($$"""{"time":"{{Time}}","empty":"","bad":"   ","status":true,"n":false,"name":null}""");
        yield return Utf8($$"""{"time":"{{Time}}"} trailing text after the object""");
        yield return Utf8($$"""  {"time":"{{Time}}" , "level" : "error" }  """);
        yield return Utf8($$"""{"time":"{{Time}}","level":"error",}""");
        yield return Utf8($$"""{"time":"{{Time}}","level":'error'}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":01}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":1.}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":.5}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":+1}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":NaN}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":tru}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":"unterminated}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":"bad \x escape"}""");
        yield return Utf8($$"""{"time":"{{Time}}","n":"bad \u12 escape"}""");
        yield return Utf8($$"""{"time":"{{Time}}" /* comment */ }""");
        yield return Utf8("{\"time\":\"" + Time + "\",\"n\":\"tab\tinside\"}");
        yield return Utf8("\uFEFF{\"time\":\"" + Time + "\"}");
        yield return Utf8("[1,2,3]");
        yield return Utf8("\"just a string\"");
        yield return Utf8("42");
        yield return Utf8("not json at all");
        yield return Utf8("{");
        yield return Utf8("}");
        yield return Utf8("{\"a\"");
        yield return Utf8("{\"a\":");
        yield return Utf8("   ");
        yield return Utf8("\t");
        yield return [];
    }

    /// <summary>A random line: an ordinary one mutated, a corpus line mutated, or one built from random pieces.</summary>
    public static byte[] Random(Random random)
    {
        var ordinary = Utf8($$"""{"time":"2026-11-21T10:0{{random.Next(10)}}:00.{{random.Next(1000):000}}Z","level":"{{Pick(random, ["info", "error", "fatal", "warn"])}}","message":"Connector {{random.Next(100)}} not found","n":{{random.Next(-5, 100)}},"tags":["{{random.Next(3)}}"],"exception":{"type":"T{{random.Next(3)}}"} }""");
        var corpus = SmallCorpus;
        var line = random.Next(3) switch
        {
            0 => ordinary,
            1 => corpus[random.Next(corpus.Count)],
            _ => Utf8(Pieces(random)),
        };
        for (var i = random.Next(4); i > 0; i--) line = Mutate(line, random);
        return [.. line.Where(b => b != (byte)'\n')];
    }

    private static string Pieces(Random random)
    {
        var text = new StringBuilder("{");
        for (var i = random.Next(8); i > 0; i--)
        {
            text.Append('"').Append(Pick(random, ["time", "level", "n", "a", "tags", "exception", "dup", "ti\\u006de", ""])).Append("\":");
            text.Append(Pick(random,
            [
                "\"" + Time + "\"", "1", "-0.5e3", "\"x\"", "true", "null", "[1,{\"b\":2}]", "{\"type\":\"T\"}", "\"\\ud800\"", "1e999",
                "\"2026-11-21T10:00:00Z\"", "\"" + new string('z', random.Next(200)) + "\"",
            ]));
            if (i > 1) text.Append(',');
        }
        return text.Append('}').ToString();
    }

    private static byte[] Mutate(byte[] line, Random random)
    {
        var bytes = line.ToList();
        var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        switch (random.Next(7))
        {
            case 0 when bytes.Count > 0:
                bytes.RemoveAt(at);
                break;
            case 1:
                bytes.Insert(at, Pick(random, "{}[]\",:\\0123456789-+.eE \tut"u8.ToArray()));
                break;
            case 2 when bytes.Count > 0:
                bytes[at] = (byte)random.Next(256);
                break;
            case 3:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 4:
                bytes.InsertRange(at, Utf8(Pick(random, ["\\u0000", "\\ud800", "\\\"", "\"a\":1,", "{\"a\":", "]]]", "1e400", "\u00e9"])));
                break;
            case 5 when bytes.Count > 0:
                bytes.InsertRange(at, bytes.Take(at).Skip(random.Next(at + 1)).ToList());
                break;
            default:
                bytes.InsertRange(at, InvalidUtf8[..(1 + random.Next(InvalidUtf8.Length))]);
                break;
        }
        return [.. bytes];
    }

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
