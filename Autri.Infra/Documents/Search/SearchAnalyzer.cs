using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace Autri.Infra.Documents.Search;

/// <summary>
/// Words as Postgres's <c>english</c> text-search configuration sees them, as far as Lucene goes: Unicode word
/// breaks, lower case, Postgres's own English stop list (<c>tsearch_data/english.stop</c>, 127 words) and the
/// Snowball English stemmer Postgres uses. So the in-process index and the Postgres fallback agree on what a
/// word is (Postgres also indexes a hyphenated word whole beside its parts; this does only the parts). Stop words
/// leave a gap in positions, so "grace of period" matches as a phrase where Postgres would match it too.
/// </summary>
public sealed class SearchAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static readonly CharArraySet StopWords = new CharArraySet(Version, """
        i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
        herself it its itself they them their theirs themselves what which who whom this that these those am is are
        was were be been being have has had having do does did doing a an the and but if or because as until while
        of at by for with about against between into through during before after above below to from up down in out
        on off over under again further then once here there when where why how all any both each few more most
        other some such no nor not only own same so than too very s t can will just don should now
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), ignoreCase: false).AsReadOnly();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream words = new EnglishPossessiveFilter(Version, source);
        words = new LowerCaseFilter(Version, words);
        words = new StopFilter(Version, words, StopWords);
        words = new SnowballFilter(words, new EnglishStemmer());
        return new TokenStreamComponents(source, words);
    }
}
