namespace Autri.Domain.Costs;

/// <summary>
/// A value of the <c>cost-bucket</c> tag (one per stack layer), or the untagged bucket. Cost Explorer names a TAG
/// group "cost-bucket$portal"; costs of resources without the tag are in "cost-bucket$" (empty value), which
/// means a resource escaped tagging (or the tag is not activated for cost allocation).
/// </summary>
public sealed record CostBucket(string Value)
{
    public const string TagKey = "cost-bucket";

    /// <summary>The layers infra-cdk tags, in stack order; charts keep this order and these colours.</summary>
    private static readonly string[] LayerOrder = ["network", "data", "auth", "compute", "portal", "monitoring"];

    public static IReadOnlyList<string> Layers => LayerOrder;

    public static readonly CostBucket Untagged = new("");

    public bool IsUntagged => Value.Length == 0;

    public string Label => IsUntagged ? "Untagged" : Value;

    /// <summary>"cost-bucket$data" → data; "cost-bucket$" → untagged. Anything else is not a key of this tag.</summary>
    public static CostBucket FromGroupKey(string key)
    {
        const string prefix = TagKey + "$";
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
            throw new FormatException($"'{key}' is not a group key of the {TagKey} tag (expected '{prefix}<value>')");
        var value = key[prefix.Length..];
        return value.Length == 0 ? Untagged : new CostBucket(value);
    }

    /// <summary>Known layers first in stack order, then other values alphabetically, untagged last.</summary>
    public static int Order(CostBucket bucket)
    {
        if (bucket.IsUntagged) return int.MaxValue;
        var i = Array.IndexOf(LayerOrder, bucket.Value);
        return i >= 0 ? i : LayerOrder.Length;
    }
}
