namespace Autri.Infra.Documents.Search;

/// <summary>A word or a "quoted phrase" as the person typed it.</summary>
public sealed record SearchPhrase(string Text, bool Quoted);

/// <summary>Thrown for a query that cannot mean anything; the message says why and what to write instead.</summary>
public sealed class SearchQueryException(string message) : Exception(message);

/// <summary>
/// The web-search syntax of <c>search_documents</c>, the same as Postgres's <c>websearch_to_tsquery</c>: words
/// separated by spaces must all match; <c>"quoted words"</c> must match as a phrase (in that order, next to each
/// other; stop words inside count as gaps); <c>or</c> between two words or phrases lets either match;
/// <c>-word</c> or <c>-"a phrase"</c> excludes documents that contain it. Anything else is a word. A query needs
/// something to look for: exclusions alone are refused, since "everything except" is no search.
/// </summary>
/// <param name="AllOf">Each entry must match; an entry of several alternatives matches when any of them does.</param>
/// <param name="NoneOf">No match may contain any of these.</param>
public sealed record SearchQuery(IReadOnlyList<IReadOnlyList<SearchPhrase>> AllOf, IReadOnlyList<SearchPhrase> NoneOf)
{
    public static SearchQuery Parse(string text)
    {
        var allOf = new List<List<SearchPhrase>>();
        var noneOf = new List<SearchPhrase>();
        var orPending = false;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            var negated = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (negated) i++;
            var phrase = Read(text, ref i);
            if (phrase is null) continue;
            if (!negated && !phrase.Quoted && phrase.Text.Equals("or", StringComparison.OrdinalIgnoreCase) && allOf.Count > 0)
            {
                orPending = true; // "a or b": b joins a's alternatives; a trailing "or" means nothing
                continue;
            }
            if (negated) noneOf.Add(phrase);
            else if (orPending) allOf[^1].Add(phrase);
            else allOf.Add([phrase]);
            orPending = false;
        }
        if (allOf.Count == 0 && noneOf.Count > 0)
            throw new SearchQueryException("The query only excludes (-word); add a word or \"phrase\" to search for.");
        return new SearchQuery(allOf, noneOf);
    }

    /// <summary>Every word and phrase that should match, for highlighting.</summary>
    public IEnumerable<SearchPhrase> Wanted => AllOf.SelectMany(alternatives => alternatives);

    // A "quoted phrase" (an unclosed quote runs to the end) or a bare word up to the next space or quote.
    private static SearchPhrase? Read(string text, ref int i)
    {
        var quoted = text[i] == '"';
        if (quoted) i++;
        var word = new StringBuilder();
        while (i < text.Length && (quoted ? text[i] != '"' : !char.IsWhiteSpace(text[i]) && text[i] != '"')) word.Append(text[i++]);
        if (quoted && i < text.Length) i++; // the closing quote
        var value = word.ToString().Trim();
        return value.Length == 0 ? null : new SearchPhrase(value, quoted);
    }
}
