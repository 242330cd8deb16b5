namespace Autri.Domain.Allowlist;

/// <summary>
/// An admin's edit of the allowlist: the list it starts from, pasted additions (one per line; commas or
/// semicolons may separate several on a line) and emails ticked for removal. Evaluating it normalizes and
/// validates every pasted email, collapses duplicates and gives the resulting list, its diff and its size.
/// </summary>
public sealed record AllowlistEdit(BetaAllowlist Current, string Additions, IReadOnlyCollection<string> Removals)
{
    private static readonly char[] Separators = [',', ';'];

    public AllowlistEditResult Evaluate()
    {
        var entries = ParseAdditions(Additions, Current);
        var removals = Removals.Select(EmailAddress.Normalize).Where(Current.Contains).ToHashSet(StringComparer.Ordinal);
        // A pasted email wins over the same one ticked for removal: the admin said both, keeping it loses nothing.
        var proposed = BetaAllowlist.FromEmails(Current.Sorted.Where(e => !removals.Contains(e))
            .Concat(entries.Where(e => e.Outcome is EntryOutcome.Added or EntryOutcome.AlreadyListed).Select(e => e.Email)));
        return new AllowlistEditResult(entries, proposed, AllowlistDiff.Between(Current, proposed), AllowlistSize.Of(proposed));
    }

    private static List<EditEntry> ParseAdditions(string text, BetaAllowlist current)
    {
        var entries = new List<EditEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var piece in lines[i].Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var email = EmailAddress.Normalize(piece);
                var outcome = EmailAddress.Problem(email) is { } problem ? new EditEntry(i + 1, piece, email, EntryOutcome.Invalid, problem)
                    : !seen.Add(email) ? new EditEntry(i + 1, piece, email, EntryOutcome.Duplicate)
                    : current.Contains(email) ? new EditEntry(i + 1, piece, email, EntryOutcome.AlreadyListed)
                    : new EditEntry(i + 1, piece, email, EntryOutcome.Added);
                entries.Add(outcome);
            }
        }
        return entries;
    }
}

public sealed record AllowlistEditResult(IReadOnlyList<EditEntry> Entries, BetaAllowlist Proposed, AllowlistDiff Diff, AllowlistSize Size)
{
    public IReadOnlyList<EditEntry> Invalid => Entries.Where(e => e.Outcome == EntryOutcome.Invalid).ToList();

    public int Collapsed => Entries.Count(e => e.Outcome is EntryOutcome.Duplicate or EntryOutcome.AlreadyListed);

    /// <summary>Why this edit cannot be saved yet (empty when it can). A pure type change may save an unchanged list.</summary>
    public IReadOnlyList<string> Problems(bool allowUnchanged = false)
    {
        var problems = new List<string>();
        if (Invalid.Count > 0)
            problems.Add(Invalid.Count == 1 ? "1 line is not a valid email. Fix or delete it; nothing is saved until then."
                : $"{Invalid.Count} lines are not valid emails. Fix or delete them; nothing is saved until then.");
        problems.AddRange(AllowlistRules.Problems(Proposed));
        if (Diff.IsEmpty && !allowUnchanged && Invalid.Count == 0) problems.Add("Nothing to save: the list would stay exactly as it is.");
        return problems;
    }
}
