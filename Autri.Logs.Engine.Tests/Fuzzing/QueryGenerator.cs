namespace Autri.Logs.Engine.Tests.Fuzzing;

/// <summary>
/// Random Logs Insights queries from the grammar: mostly well-formed, with the odd values that break engines
/// (extreme numbers and periods, strange strings, catastrophic and invalid regexes, deep nesting, wrong arities,
/// unknown functions and commands).
/// </summary>
internal sealed class QueryGenerator(Random random)
{
    private static readonly string[] Fields =
    [
        "level", "message", "event", "duration_ms", "status", "path", "tool", "latency_ms", "time", "n", "name",
        "exception.type", "exception.message", "tags.0", "tags.1", "a.b.c", "@timestamp", "@message", "@log", "@logStream",
        "@ptr", "`odd field`", "`x.y`", "deep.a.b.c.d.e", "big", "huge", "nul", "dup", "empty", "bad",
    ];

    private static readonly string[] Scalars =
    [
        "ispresent", "isempty", "isblank", "coalesce", "strlen", "tolower", "toupper", "concat", "substr", "replace",
        "trim", "ltrim", "rtrim", "strcontains", "abs", "ceil", "floor", "greatest", "least", "log", "sqrt", "bin",
        "datefloor", "dateceil", "frommillis", "tomillis", "jsonParse", "unknownfn",
    ];

    private static readonly string[] Aggregates =
        ["count", "count_distinct", "sum", "avg", "min", "max", "pct", "percentile", "earliest", "latest", "stddev"];

    private static readonly string[] Numbers =
        ["0", "1", "-1", "2.5", "1000", "0.000001", "99999999999999999999", "9007199254740993", "1e308", "100", "50", "-0", "007"];

    private static readonly string[] Strings =
    [
        "\"\"", "\"error\"", "\"fatal\"", "\"a\\\"b\"", "'single'", "\"\\\\d+\"", "\"é∂\"", "\"\u0000\"", "\"\\u0041\"",
        "\"" + new string('x', 3000) + "\"", "\"\ud800\"", "\"/notifications/stream\"", "\"1\"", "\"01\"", "\"NaN\"", "\"Infinity\"",
    ];

    private static readonly string[] Regexes =
    [
        "/a+/", "/(?<g>[^0-9]*)/", "/(a+)+$/", "/(a|aa)*b/", "/(?i)err/", "/(/", "/[/", "/\\d{4}/", "/(?<x>.*)(?<y>.*)(?<z>.*)q/", "/^$/", "/.*/",
        "/(x+x+)+y/", "/(?<n>\\w+)=(?<v>[^ ]*)/",
    ];

    private static readonly string[] Periods = ["5m", "1h", "0.5s", "1ms", "1mo", "3q", "1y", "10000y", "99999999y", "0s", "7d", "2w", "1e", "5minutes"];

    private static readonly string[] Commands = ["fields", "filter", "stats", "sort", "limit", "parse", "display", "dedup", "pattern", "unnest", "fitler"];

    public string Query()
    {
        var count = 1 + random.Next(5);
        return string.Join(random.Next(4) == 0 ? "\n| " : " | ", Enumerable.Range(0, count).Select(_ => Command()));
    }

    public string Command() => Pick(Commands) switch
    {
        "fields" => "fields " + List(() => Named(Expression(3))),
        "filter" => "filter " + Expression(4),
        "stats" => "stats " + List(() => Named(Aggregation())) + (random.Next(3) > 0 ? " by " + List(() => Named(GroupKey())) : ""),
        "sort" => "sort " + List(() => Expression(2) + Pick(["", " asc", " desc"])),
        "limit" => "limit " + Pick(["1", "5", "10000", "0", "-3", "99999999999", "2.5", "x"]),
        "parse" => "parse " + Pick(Fields) + " " + (random.Next(2) == 0 ? Pick(Regexes) : Glob()),
        "display" => "display " + List(() => Pick(Fields)),
        "dedup" => "dedup " + List(() => Pick(Fields)),
        var other => other + " " + Pick(Fields),
    };

    public string Expression(int depth)
    {
        if (random.Next(40) == 0) return Nested(1 + random.Next(150));
        if (depth <= 0 || random.Next(3) == 0) return Operand();
        return random.Next(9) switch
        {
            0 => Expression(depth - 1) + " " + Pick(["and", "or"]) + " " + Expression(depth - 1),
            1 => Expression(depth - 1) + " " + Pick(["=", "!=", "<", "<=", ">", ">=", "=="]) + " " + Expression(depth - 1),
            2 => Expression(depth - 1) + " " + Pick(["+", "-", "*", "/", "%", "^"]) + " " + Expression(depth - 1),
            3 => Pick(["not ", "-", "not not "]) + Expression(depth - 1),
            4 => Expression(depth - 1) + Pick([" like ", " not like ", " =~ "]) + (random.Next(2) == 0 ? Pick(Regexes) : Pick(Strings)),
            5 => Expression(depth - 1) + Pick([" in ", " not in "]) + "[" + List(Operand) + "]",
            6 => "(" + Expression(depth - 1) + ")",
            7 => Call(depth - 1),
            _ => Chain(2 + random.Next(random.Next(10) == 0 ? 150 : 6)),
        };
    }

    private string Operand() => random.Next(5) switch
    {
        0 => Pick(Numbers),
        1 => Pick(Strings),
        _ => Pick(Fields),
    };

    private string Call(int depth)
    {
        var name = Pick(Scalars);
        var arity = name switch
        {
            "bin" => 1,
            "datefloor" or "dateceil" => 2,
            _ => random.Next(4),
        };
        var arguments = Enumerable.Range(0, arity).Select(i =>
            name is "bin" || (name is "datefloor" or "dateceil" && i == 1) ? Pick(Periods) : Expression(depth)).ToList();
        return name + "(" + string.Join(", ", arguments) + ")";
    }

    private string Aggregation()
    {
        var name = Pick(Aggregates);
        var argument = random.Next(8) == 0 ? "*" : random.Next(6) == 0 ? Expression(2) : Pick(Fields);
        var call = name switch
        {
            "pct" or "percentile" => $"{name}({argument}, {Pick(["50", "95", "99.9", "0", "100", "101", "-1"])})",
            _ => $"{name}({argument})",
        };
        return random.Next(6) == 0 ? call + " " + Pick(["+", "/", "*"]) + " " + Pick(Aggregates) + "(*)" : call;
    }

    private string GroupKey() => random.Next(4) == 0 ? $"bin({Pick(Periods)})" : random.Next(5) == 0 ? Expression(2) : Pick(Fields);

    private string Named(string expression) => random.Next(3) == 0 ? expression + " as " + Pick(["x", "y", "count", "`a b`", "n", "as"]) : expression;

    private string Glob()
    {
        var parts = Enumerable.Range(0, 1 + random.Next(random.Next(10) == 0 ? 60 : 4)).Select(_ => Pick(["*", " * ", "=", "user=*", "in * ms"]));
        var glob = string.Concat(parts);
        var stars = glob.Count(c => c == '*');
        return $"\"{glob}\" as " + string.Join(", ", Enumerable.Range(0, Math.Max(1, stars + random.Next(3) - 1)).Select(i => "g" + i));
    }

    private string Nested(int depth)
    {
        var text = new StringBuilder();
        var opener = Pick(["(", "not ", "-", "abs(", "2 ^ "]);
        for (var i = 0; i < depth; i++) text.Append(opener);
        text.Append(Pick(Fields));
        var closer = opener is "(" or "abs(" ? ")" : "";
        for (var i = 0; i < depth; i++) text.Append(closer);
        return text.ToString();
    }

    private string Chain(int length) =>
        string.Join(" " + Pick(["or", "and", "+", "*"]) + " ", Enumerable.Range(0, length).Select(_ => Pick(Fields) + " = " + Pick(Numbers)));

    private string List(Func<string> item) => string.Join(", ", Enumerable.Range(0, 1 + random.Next(random.Next(8) == 0 ? 30 : 3)).Select(_ => item()));

    private string Pick(string[] choices) => choices[random.Next(choices.Length)];

    public string Number() => Pick(Numbers);

    public string String() => Pick(Strings);

    public string Regex() => Pick(Regexes);

    public string Period() => Pick(Periods);

    public string Field() => Pick(Fields);
}
