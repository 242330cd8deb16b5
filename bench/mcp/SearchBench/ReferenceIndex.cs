using Autri.Infra.Documents.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Autri.Bench.Search;

/// <summary>
/// The Lucene.NET reference: Lucene.Net 4.8.0-beta00018, BM25 (k1 1.2, b 0.75), one field holding title and body, the
/// analyzer that mirrors Postgres's english configuration, and the same query meaning (<see cref="IndexQuery"/>
/// without the title bonus). Built on disk by <c>prepare</c>, opened by <c>reference</c> and <c>compare</c>.
/// </summary>
public static class ReferenceIndex
{
    public const string Field = "text";
    public const string IdField = "id";
    public const string TitleField = "title";

    public static readonly SearchAnalyzer Analyzer = new();
    private static readonly BM25Similarity Bm25 = new();

    public static IndexWriter OpenWriter(string folder) => new(FSDirectory.Open(Path.Combine(folder, "reference")),
        new IndexWriterConfig(SearchAnalyzer.Version, Analyzer) { OpenMode = OpenMode.CREATE, Similarity = Bm25, RAMBufferSizeMB = 128 });

    public static Document ToLucene(Guid id, string title, string content) =>
    [
        new StringField(IdField, id.ToString("N"), Lucene.Net.Documents.Field.Store.YES),
        new StoredField(TitleField, title),
        new TextField(Field, title + "\n" + content, Lucene.Net.Documents.Field.Store.NO),
    ];

    public static IndexSearcher OpenSearcher(string folder) =>
        new(DirectoryReader.Open(FSDirectory.Open(Path.Combine(folder, "reference")))) { Similarity = Bm25 };

    public static Query? Query(string text) => IndexQuery.Build(SearchQuery.Parse(text), Analyzer, Field);
}
