namespace Autri.Domain.Tests.Allowlist;

public class BetaAllowlistTests
{
    [Fact]
    public void Parses_a_comma_separated_string_list_case_insensitively()
    {
        var list = BetaAllowlist.FromParameterValue("Beta@Autri.test, admin@autri.test,,");

        Assert.True(list.Contains("beta@autri.test"));
        Assert.True(list.Contains(" ADMIN@autri.test "));
        Assert.False(list.Contains("outsider@autri.test"));
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void Stores_a_sorted_deduplicated_value() =>
        Assert.Equal("a@x.io,b@x.io", BetaAllowlist.FromEmails(["b@x.io", "A@x.io", "a@x.io"]).ToParameterValue());

    [Fact]
    public void Empty_allows_nobody() => Assert.False(BetaAllowlist.Empty.Contains("beta@autri.test"));
}
