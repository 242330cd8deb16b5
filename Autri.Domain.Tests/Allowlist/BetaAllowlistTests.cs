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

    [Theory]
    [InlineData("beta@autri.test", false, true)]
    [InlineData("BETA@autri.test", false, true)]
    [InlineData("gone@autri.test", false, false)]
    [InlineData("gone@autri.test", true, true)]
    public void The_list_admits_the_emails_on_it_and_every_admin(string email, bool isAdmin, bool admitted) =>
        Assert.Equal(admitted, BetaAllowlist.FromEmails(["beta@autri.test"]).Admits(email, isAdmin));
}
