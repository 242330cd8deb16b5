namespace Autri.Domain.Costs;

// What a GetCostAndUsage answer says, without AWS types: the adapter copies the members across unchanged
// (strings as sent), and CostBreakdown interprets them.

/// <summary>One GroupBy entry, in request order: Keys of every group follow the same order.</summary>
public sealed record UsageGrouping(string Type, string Key)
{
    public static readonly UsageGrouping ByCostBucket = new("TAG", CostBucket.TagKey);
    public static readonly UsageGrouping ByService = new("DIMENSION", "SERVICE");
}

/// <summary>One ResultsByTime entry (a day with DAILY granularity); a page may repeat a period with more groups.</summary>
public sealed record UsageInterval(string Start, string End, bool Estimated, IReadOnlyList<UsageGroup> Groups);

/// <summary>One group: its keys and the amount of the metric asked for (UnblendedCost).</summary>
public sealed record UsageGroup(IReadOnlyList<string> Keys, string Amount, string Unit);
