namespace Autri.Domain.Tests.Allowlist;

public class AllowlistEditTests
{
    private static readonly BetaAllowlist Current = BetaAllowlist.FromEmails(["ada@autri.test", "bob@autri.test"]);

    [Fact]
    public void Pasted_lines_are_trimmed_lower_cased_and_added()
    {
        var result = new AllowlistEdit(Current, "  Carol@Example.TEST \n\ndan@example.test\r\n", []).Evaluate();

        Assert.Equal(["carol@example.test", "dan@example.test"], result.Diff.Added);
        Assert.Empty(result.Diff.Removed);
        Assert.Equal(["ada@autri.test", "bob@autri.test", "carol@example.test", "dan@example.test"], result.Proposed.Sorted);
        Assert.Empty(result.Problems());
    }

    [Fact]
    public void Commas_and_semicolons_separate_several_emails_on_a_line()
    {
        var result = new AllowlistEdit(Current, "a@x.test, b@x.test;c@x.test", []).Evaluate();

        Assert.Equal(["a@x.test", "b@x.test", "c@x.test"], result.Diff.Added);
        Assert.All(result.Entries, e => Assert.Equal(1, e.Line));
    }

    [Fact]
    public void Invalid_lines_are_listed_with_their_line_and_reason_and_block_the_save()
    {
        var result = new AllowlistEdit(Current, "ok@x.test\nnot-an-email\nfoo@bar\nsecond@x.test", []).Evaluate();

        Assert.Collection(result.Invalid,
            e => { Assert.Equal(2, e.Line); Assert.Equal("not-an-email", e.Text); Assert.Equal("has no @", e.Problem); },
            e => { Assert.Equal(3, e.Line); Assert.Equal("has no dot in the domain", e.Problem); });
        Assert.Contains("2 lines are not valid emails. Fix or delete them; nothing is saved until then.", result.Problems());
    }

    [Fact]
    public void Duplicates_and_emails_already_listed_collapse_into_one()
    {
        var result = new AllowlistEdit(Current, "new@x.test\nNEW@x.test\nada@autri.test", []).Evaluate();

        Assert.Equal(["new@x.test"], result.Diff.Added);
        Assert.Equal([EntryOutcome.Added, EntryOutcome.Duplicate, EntryOutcome.AlreadyListed], result.Entries.Select(e => e.Outcome));
        Assert.Equal(2, result.Collapsed);
        Assert.Equal(3, result.Proposed.Count);
    }

    [Fact]
    public void Ticked_emails_are_removed_and_unknown_removals_are_ignored()
    {
        var result = new AllowlistEdit(Current, "", ["BOB@autri.test", "ghost@autri.test"]).Evaluate();

        Assert.Equal(["bob@autri.test"], result.Diff.Removed);
        Assert.Equal(["ada@autri.test"], result.Proposed.Sorted);
    }

    [Fact]
    public void An_email_both_pasted_and_ticked_for_removal_stays()
    {
        var result = new AllowlistEdit(Current, "bob@autri.test", ["bob@autri.test"]).Evaluate();

        Assert.True(result.Proposed.Contains("bob@autri.test"));
        Assert.True(result.Diff.IsEmpty);
    }

    [Fact]
    public void An_edit_that_changes_nothing_cannot_be_saved_unless_it_only_changes_the_type()
    {
        var result = new AllowlistEdit(Current, "ada@autri.test", []).Evaluate();

        Assert.Equal(["Nothing to save: the list would stay exactly as it is."], result.Problems());
        Assert.Empty(result.Problems(allowUnchanged: true));
    }

    [Fact]
    public void Removing_everyone_is_refused_because_parameter_store_refuses_empty_values()
    {
        var result = new AllowlistEdit(Current, "", ["ada@autri.test", "bob@autri.test"]).Evaluate();

        Assert.Contains(result.Problems(), p => p.StartsWith("The list would be empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_paste_that_would_pass_the_four_kilobyte_limit_is_refused_with_the_overage()
    {
        var many = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"someone.with.a.long.name{i:000}@example.test"));

        var result = new AllowlistEdit(Current, many, []).Evaluate();

        Assert.True(result.Size.IsOver);
        var problem = Assert.Single(result.Problems());
        Assert.Contains($"{result.Size.Bytes} bytes, over Parameter Store's limit of 4096 bytes", problem);
    }

    [Fact]
    public void Blank_additions_with_no_removals_have_no_entries() =>
        Assert.Empty(new AllowlistEdit(Current, " \n , ;\n", []).Evaluate().Entries);
}
