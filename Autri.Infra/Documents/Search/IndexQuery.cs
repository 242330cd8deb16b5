using Lucene.Net.Analysis.TokenAttributes;

namespace Autri.Infra.Documents.Search;

/// <summary>
/// Turns a <see cref="SearchQuery"/> into a Lucene query with Postgres's meaning: every entry of AllOf must match
/// (a word as a term, several words as a phrase, alternatives as a disjunction), and nothing of NoneOf may.
/// A word that analyzes to nothing (a stop word) is dropped, as Postgres drops it.
/// </summary>
public static class IndexQuery
{
    /// <summary>
    /// The query over <paramref name="field"/>, with an optional score bonus for each wanted word or phrase that also
    /// occurs in <paramref name="bonusField"/> (the title: titles rank above bodies, as title weight A did in
    /// Postgres); null when nothing is left to look for.
    /// </summary>
    public static Query? Build(SearchQuery query, Analyzer analyzer, string field, string? bonusField = null, float bonus = 0)
    {
        var top = new BooleanQuery();
        var required = 0;
        foreach (var alternatives in query.AllOf)
        {
            var matches = alternatives.Select(p => Phrase(analyzer, field, p)).OfType<Query>().ToList();
            if (matches.Count == 0) continue;
            top.Add(matches.Count == 1 ? matches[0] : AnyOf(matches), Occur.MUST);
            required++;
            if (bonusField is null) continue;
            foreach (var p in alternatives)
            {
                if (Phrase(analyzer, bonusField, p) is not { } inTitle) continue;
                inTitle.Boost = bonus;
                top.Add(inTitle, Occur.SHOULD);
            }
        }
        if (required == 0) return null;
        foreach (var p in query.NoneOf)
        {
            if (Phrase(analyzer, field, p) is { } excluded) top.Add(excluded, Occur.MUST_NOT);
        }
        return top;
    }

    /// <summary>The analyzed terms of a text with their positions (stop words leave gaps).</summary>
    public static List<(string Term, int Position)> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }
        stream.End();
        return terms;
    }

    private static Query? Phrase(Analyzer analyzer, string field, SearchPhrase phrase)
    {
        var terms = Terms(analyzer, field, phrase.Text);
        if (terms.Count == 0) return null;
        if (terms.Count == 1) return new TermQuery(new Term(field, terms[0].Term));
        var query = new PhraseQuery();
        foreach (var (term, position) in terms) query.Add(new Term(field, term), position - terms[0].Position);
        return query;
    }

    private static BooleanQuery AnyOf(List<Query> alternatives)
    {
        var any = new BooleanQuery();
        foreach (var q in alternatives) any.Add(q, Occur.SHOULD);
        return any;
    }
}
