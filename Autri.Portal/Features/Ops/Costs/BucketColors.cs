namespace Autri.Portal.Features.Ops.Costs;

/// <summary>
/// One colour per cost bucket, the same on every day and every visit (Okabe-Ito palette, readable with colour
/// blindness); the chart never relies on colour alone: every bar has a title and the table repeats the data.
/// </summary>
public static class BucketColors
{
    private static readonly Dictionary<string, string> Layers = new()
    {
        ["network"] = "#0072B2",
        ["data"] = "#E69F00",
        ["auth"] = "#009E73",
        ["compute"] = "#CC79A7",
        ["portal"] = "#56B4E9",
        ["monitoring"] = "#D55E00",
    };

    private static readonly string[] Others = ["#F0E442", "#8C564B", "#7F7F7F", "#17BECF"];

    public const string Untagged = "#333333";

    public static string For(CostBucket bucket, IReadOnlyList<CostBucket> all)
    {
        if (bucket.IsUntagged) return Untagged;
        if (Layers.TryGetValue(bucket.Value, out var colour)) return colour;
        var others = all.Where(b => !b.IsUntagged && !Layers.ContainsKey(b.Value)).ToList();
        return Others[Math.Max(0, others.IndexOf(bucket)) % Others.Length];
    }
}
