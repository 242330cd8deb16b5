namespace Autri.Domain.Allowlist;

/// <summary>What any list must satisfy before it is written (edits, restores, first creation).</summary>
public static class AllowlistRules
{
    public static IReadOnlyList<string> Problems(BetaAllowlist proposed)
    {
        var problems = new List<string>();
        if (proposed.Count == 0)
            problems.Add("The list would be empty, and Parameter Store refuses an empty value. Keep at least one email (admins sign in without being on the list).");
        var size = AllowlistSize.Of(proposed);
        if (size.IsOver)
            problems.Add($"The list would take {size.Bytes} bytes, over Parameter Store's limit of {AllowlistSize.Limit} bytes for a standard parameter. Remove {size.Bytes - AllowlistSize.Limit} bytes' worth of entries (about {EstimateEntries(proposed, size)} emails).");
        return problems;
    }

    private static int EstimateEntries(BetaAllowlist list, AllowlistSize size)
    {
        var average = Math.Max(1.0, (double)size.Bytes / Math.Max(1, list.Count));
        return (int)Math.Ceiling((size.Bytes - AllowlistSize.Limit) / average);
    }
}
