namespace Autri.Domain.Tests.Connectors;

public class ConnectorNameTests
{
    [Theory]
    [InlineData("Claude Desktop")]
    [InlineData("a")]
    [InlineData("laptop-2_work.v3")]
    [InlineData("Büro Zürich")]
    [InlineData("東京 1")]
    public void Names_of_letters_digits_spaces_and_dash_underscore_dot_are_accepted(string name)
    {
        Assert.Null(ConnectorName.Problem(ConnectorName.Normalize(name)));
    }

    [Fact]
    public void Sixty_four_characters_is_the_longest_name()
    {
        Assert.Null(ConnectorName.Problem(new string('x', 64)));
        Assert.Contains("at most 64", ConnectorName.Problem(new string('x', 65)));
    }

    [Theory]
    [InlineData("", "Enter a name")]
    [InlineData("   ", "Enter a name")]
    [InlineData(null, "Enter a name")]
    [InlineData("a/b", "\"/\" is not allowed")]
    [InlineData("<script>", "\"<\" is not allowed")]
    [InlineData("quote\"d", "not allowed")]
    [InlineData("tab\there", "U+0009")]
    [InlineData("two  spaces", "single spaces")]
    [InlineData("emoji 🙂", "not allowed")]
    public void Other_names_are_refused_with_a_sentence_saying_what_to_change(string? raw, string expected)
    {
        var problem = ConnectorName.Problem(ConnectorName.Normalize(raw));

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Names_are_trimmed()
    {
        Assert.Equal("Claude", ConnectorName.Normalize("  Claude \t"));
    }
}
