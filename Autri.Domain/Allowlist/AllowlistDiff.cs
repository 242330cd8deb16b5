namespace Autri.Domain.Allowlist;

/// <summary>What changes from one list to another, each side sorted.</summary>
public sealed record AllowlistDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public static AllowlistDiff Between(BetaAllowlist from, BetaAllowlist to) => new(
        to.Sorted.Where(e => !from.Contains(e)).ToList(),
        from.Sorted.Where(e => !to.Contains(e)).ToList());

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0;
}
