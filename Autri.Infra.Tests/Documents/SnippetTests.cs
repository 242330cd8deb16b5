namespace Autri.Infra.Tests.Documents;

public sealed class SnippetTests
{
    private static readonly SearchAnalyzer Analyzer = new();

    private static string Snip(string content, params string[] words) =>
        Snippet.Build(Analyzer, "text", content, words.SelectMany(w => IndexQuery.Terms(Analyzer, "text", w)).Select(t => t.Term).ToHashSet());

    [Fact]
    public void Matched_words_are_bold_in_any_form_and_punctuation_stays_outside()
    {
        Assert.Equal("**Rotating** the **key**. is easy; **rotate** it often.",
            Snip("Rotating the key. is easy; rotate it often.", "rotate", "keys"));
    }

    [Fact]
    public void A_long_text_shows_the_passages_around_the_matches_joined_by_an_ellipsis()
    {
        var filler = string.Join(' ', Enumerable.Range(1, 60).Select(i => "filler" + i));
        var snippet = Snip($"{filler} the walrus sleeps {filler} a walrus wakes {filler}", "walrus");

        var fragments = snippet.Split(Snippet.Delimiter);
        Assert.Equal(2, fragments.Length);
        Assert.All(fragments, f => Assert.Contains("**walrus**", f));
        Assert.All(fragments, f => Assert.True(f.Split(' ').Length <= Snippet.WordsPerFragment));
    }

    [Fact]
    public void Without_a_match_in_the_text_the_snippet_is_its_beginning()
    {
        var text = string.Join(' ', Enumerable.Range(1, 50).Select(i => "word" + i));
        Assert.Equal(string.Join(' ', Enumerable.Range(1, Snippet.WordsPerFragment).Select(i => "word" + i)), Snip(text, "absent"));
    }
}
