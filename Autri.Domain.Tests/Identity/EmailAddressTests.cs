using Autri.Domain.Identity;

namespace Autri.Domain.Tests.Identity;

public class EmailAddressTests
{
    [Theory]
    [InlineData("  Alice@Example.COM ", "alice@example.com")]
    [InlineData("bob@example.org", "bob@example.org")]
    public void Normalize_trims_and_lowercases(string raw, string expected) =>
        Assert.Equal(expected, EmailAddress.Normalize(raw));

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    public void Accepts_ordinary_addresses(string email) => Assert.Null(EmailAddress.Problem(email));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("alice", "has no @")]
    [InlineData("a@b@example.com", "has more than one @")]
    [InlineData("@example.com", "has nothing before the @")]
    [InlineData("alice@", "has nothing after the @")]
    [InlineData("alice@localhost", "has no dot in the domain")]
    [InlineData("alice@exa_mple.com", "has an invalid domain")]
    [InlineData("alice@-example.com", "has an invalid domain")]
    [InlineData("al ice@example.com", "contains a space")]
    [InlineData("al..ice@example.com", "has characters not allowed before the @")]
    [InlineData("alice@example..com", "has an invalid domain")]
    public void Names_the_problem_with_bad_addresses(string email, string problem) =>
        Assert.Equal(problem, EmailAddress.Problem(email));

    [Fact]
    public void Refuses_overlong_addresses() =>
        Assert.Equal("is longer than 254 characters", EmailAddress.Problem(new string('a', 64) + "@" + new string('b', 190) + ".com"));
}
