namespace Autri.Logs.Engine.Parsing;

/// <summary>The functions this parser checks and the local engine runs, with the argument counts AWS documents.</summary>
internal static class KnownFunctions
{
    public sealed record Signature(int MinArguments, int MaxArguments);

    public static readonly IReadOnlyDictionary<string, Signature> Aggregates = new Dictionary<string, Signature>
    {
        ["count"] = new(0, 1),
        ["count_distinct"] = new(1, 1),
        ["sum"] = new(1, 1),
        ["avg"] = new(1, 1),
        ["min"] = new(1, 1),
        ["max"] = new(1, 1),
        ["pct"] = new(2, 2),
        ["percentile"] = new(2, 2),
        ["earliest"] = new(1, 1),
        ["latest"] = new(1, 1),
        ["stddev"] = new(1, 1),
    };

    public static readonly IReadOnlyDictionary<string, Signature> Scalars = new Dictionary<string, Signature>
    {
        ["ispresent"] = new(1, 1),
        ["isempty"] = new(1, 1),
        ["isblank"] = new(1, 1),
        ["coalesce"] = new(1, int.MaxValue),
        ["strlen"] = new(1, 1),
        ["tolower"] = new(1, 1),
        ["toupper"] = new(1, 1),
        ["concat"] = new(1, int.MaxValue),
        ["substr"] = new(2, 3),
        ["replace"] = new(3, 3),
        ["trim"] = new(1, 2),
        ["ltrim"] = new(1, 2),
        ["rtrim"] = new(1, 2),
        ["strcontains"] = new(2, 2),
        ["abs"] = new(1, 1),
        ["ceil"] = new(1, 1),
        ["floor"] = new(1, 1),
        ["greatest"] = new(1, int.MaxValue),
        ["least"] = new(1, int.MaxValue),
        ["log"] = new(1, 1),
        ["sqrt"] = new(1, 1),
        ["bin"] = new(1, 1),
        ["datefloor"] = new(2, 2),
        ["dateceil"] = new(2, 2),
        ["frommillis"] = new(1, 1),
        ["tomillis"] = new(1, 1),
    };

    public static bool IsAggregate(string name) => Aggregates.ContainsKey(name);
}
