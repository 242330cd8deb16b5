namespace Autri.Infra.Tests.Documents;

public sealed class SearchQueryTests
{
    private static string Show(SearchQuery q) =>
        string.Join(" & ", q.AllOf.Select(a => string.Join(" | ", a.Select(Show)))) +
        string.Concat(q.NoneOf.Select(p => " !" + Show(p)));

    private static string Show(SearchPhrase p) => p.Quoted ? $"\"{p.Text}\"" : p.Text;

    [Theory]
    [InlineData("rotate api key", "rotate & api & key")]
    [InlineData("  rotate   key ", "rotate & key")]
    [InlineData("\"grace period\" key", "\"grace period\" & key")]
    [InlineData("token or key", "token | key")]
    [InlineData("rotate token OR key", "rotate & token | key")]
    [InlineData("a or b or c", "a | b | c")]
    [InlineData("key -billing", "key !billing")]
    [InlineData("key -\"grace period\"", "key !\"grace period\"")]
    [InlineData("or key", "or & key")]
    [InlineData("key or", "key")]
    [InlineData("\"unclosed phrase", "\"unclosed phrase\"")]
    [InlineData("api-key", "api-key")]
    [InlineData("key - billing", "key & - & billing")]
    public void Reads_the_web_search_syntax(string text, string expected) =>
        Assert.Equal(expected, Show(SearchQuery.Parse(text)));

    [Theory]
    [InlineData("-billing")]
    [InlineData("-billing -\"grace period\"")]
    public void A_query_that_only_excludes_is_refused_with_what_to_do(string text)
    {
        var ex = Assert.Throws<SearchQueryException>(() => SearchQuery.Parse(text));
        Assert.Contains("add a word or \"phrase\" to search for", ex.Message);
    }
}
