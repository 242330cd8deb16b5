namespace Autri.Domain.Tests.Allowlist;

public class AllowlistDiffTests
{
    [Fact]
    public void The_diff_lists_added_and_removed_emails_sorted()
    {
        var from = BetaAllowlist.FromEmails(["b@x.io", "a@x.io", "c@x.io"]);
        var to = BetaAllowlist.FromEmails(["c@x.io", "e@x.io", "d@x.io"]);

        var diff = AllowlistDiff.Between(from, to);

        Assert.Equal(["d@x.io", "e@x.io"], diff.Added);
        Assert.Equal(["a@x.io", "b@x.io"], diff.Removed);
        Assert.False(diff.IsEmpty);
    }

    [Fact]
    public void Equal_lists_have_an_empty_diff() =>
        Assert.True(AllowlistDiff.Between(BetaAllowlist.FromParameterValue("a@x.io,b@x.io"), BetaAllowlist.FromParameterValue("B@x.io, a@x.io")).IsEmpty);
}
