using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Autri.Infra.Documents.Search;

/// <summary>
/// The in-memory Lucene index of one KB's documents, BM25-ranked. Writes come from one thread at a time (the build,
/// then <see cref="DocumentIndex"/>'s change feed under its gate); searches run concurrently on the last published
/// view, which <see cref="Publish"/> replaces after a batch of writes.
/// </summary>
internal sealed class KbIndex : IDisposable
{
    public const string IdField = "id";
    public const string TitleField = "title";
    public const string TextField = "text"; // title and body: what a query must match
    public const string ContentField = "content"; // stored for snippets only
    public const string LinkField = "source_uri";

    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly Dictionary<Guid, long> _versions = [];
    private long _lastUsedTicks;

    public KbIndex(Guid kbId, Analyzer analyzer, long nowTicks)
    {
        KbId = kbId;
        _lastUsedTicks = nowTicks;
        var config = new IndexWriterConfig(SearchAnalyzer.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = Bm25.Similarity,
            RAMBufferSizeMB = 64,
        };
        _writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25());
    }

    public Guid KbId { get; }

    /// <summary>When the change feed started following this KB (see <see cref="DocumentIndex"/>); 0 until then.</summary>
    public long Epoch { get; set; }

    public int Count => _versions.Count;

    public long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    public void Touch(long nowTicks) => Interlocked.Exchange(ref _lastUsedTicks, nowTicks);

    /// <summary>Adds a document while the index is first built (from several threads at once; ids are unique then).</summary>
    public void Add(IndexedDocument d)
    {
        _writer.AddDocument(ToLucene(d));
        lock (_versions) _versions[d.Id] = d.Version;
    }

    /// <summary>Adds or replaces the document unless this index already has that version or a newer one.</summary>
    public void Put(IndexedDocument d)
    {
        if (_versions.TryGetValue(d.Id, out var version) && version >= d.Version) return;
        _writer.UpdateDocument(new Term(IdField, Key(d.Id)), ToLucene(d));
        _versions[d.Id] = d.Version;
    }

    public void Remove(Guid id)
    {
        if (_versions.Remove(id)) _writer.DeleteDocuments(new Term(IdField, Key(id)));
    }

    /// <summary>Makes the writes so far visible to searches.</summary>
    public void Publish() => _searchers.MaybeRefreshBlocking();

    public IndexSearcher Acquire() => _searchers.Acquire();

    public void Release(IndexSearcher searcher) => _searchers.Release(searcher);

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }

    private static string Key(Guid id) => id.ToString("N");

    private static Document ToLucene(IndexedDocument d) =>
    [
        new StringField(IdField, Key(d.Id), Field.Store.YES),
        new TextField(TitleField, d.Title, Field.Store.YES),
        new TextField(TextField, d.Title + "\n" + d.Content, Field.Store.NO),
        new StoredField(ContentField, d.Content),
        new StoredField(LinkField, d.SourceUri ?? ""),
    ];

    /// <summary>Searchers that rank with BM25 (Lucene's defaults, k1 = 1.2, b = 0.75).</summary>
    public sealed class Bm25 : SearcherFactory
    {
        public static readonly BM25Similarity Similarity = new();

        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }
}
