using System.Runtime.InteropServices;
using Lucene.Net.Documents;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Autri.Infra.Documents.Search;

/// <summary>A document's words for the answer: title, link and UTF-8 text (half the memory of a string; decoded for 10 hits at most).</summary>
internal sealed record StoredText(long Version, string Title, string? Link, byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);
}

/// <summary>
/// The in-memory Lucene index of one KB's documents, BM25-ranked. Lucene holds only what matching needs (postings and
/// the id as doc values); titles, links and texts sit beside it in a dictionary, because Lucene.NET's compressed
/// stored fields cost more to read for ten hits than the search itself. Writes come from one thread at a time (the
/// build, then <see cref="DocumentIndex"/>'s change feed under its gate); searches run concurrently on the last
/// published view, which <see cref="Publish"/> replaces after a batch of writes.
/// </summary>
internal sealed class KbIndex : IDisposable
{
    public const string TitleField = "title";
    public const string TextField = "text"; // title and body: what a query must match
    private const string IdField = "id";
    private const string IdHigh = "id_hi";
    private const string IdLow = "id_lo";

    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly ConcurrentDictionary<Guid, StoredText> _texts = new();
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

    public int Count => _texts.Count;

    public long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    public void Touch(long nowTicks) => Interlocked.Exchange(ref _lastUsedTicks, nowTicks);

    /// <summary>Adds a document while the index is first built (from several threads at once; ids are unique then).</summary>
    public void Add(IndexedDocument d)
    {
        _writer.AddDocument(ToLucene(d));
        _texts[d.Id] = Stored(d);
    }

    /// <summary>Adds or replaces the document unless this index already has that version or a newer one.</summary>
    public void Put(IndexedDocument d)
    {
        if (_texts.TryGetValue(d.Id, out var known) && known.Version >= d.Version) return;
        _writer.UpdateDocument(new Term(IdField, Key(d.Id)), ToLucene(d));
        _texts[d.Id] = Stored(d);
    }

    public void Remove(Guid id)
    {
        if (_texts.TryRemove(id, out _)) _writer.DeleteDocuments(new Term(IdField, Key(id)));
    }

    /// <summary>Makes the writes so far visible to searches.</summary>
    public void Publish() => _searchers.MaybeRefreshBlocking();

    public IndexSearcher Acquire() => _searchers.Acquire();

    public void Release(IndexSearcher searcher) => _searchers.Release(searcher);

    /// <summary>The text of a document this index holds; null when it was removed since the searcher's view.</summary>
    public StoredText? Text(Guid id) => _texts.GetValueOrDefault(id);

    /// <summary>Reads hits' ids from a searcher's reader (of one KB or of several).</summary>
    public sealed class Ids(IndexReader reader)
    {
        private readonly NumericDocValues _high = MultiDocValues.GetNumericValues(reader, IdHigh);
        private readonly NumericDocValues _low = MultiDocValues.GetNumericValues(reader, IdLow);

        public Guid Of(int doc)
        {
            Span<long> halves = [_high.Get(doc), _low.Get(doc)];
            return new Guid(MemoryMarshal.AsBytes(halves));
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }

    private static string Key(Guid id) => id.ToString("N");

    private static StoredText Stored(IndexedDocument d) => new(d.Version, d.Title, d.SourceUri, Encoding.UTF8.GetBytes(d.Content));

    private static Document ToLucene(IndexedDocument d)
    {
        Span<long> halves = stackalloc long[2];
        d.Id.TryWriteBytes(MemoryMarshal.AsBytes(halves));
        return
        [
            new StringField(IdField, Key(d.Id), Field.Store.NO),
            new NumericDocValuesField(IdHigh, halves[0]),
            new NumericDocValuesField(IdLow, halves[1]),
            new TextField(TitleField, d.Title, Field.Store.NO),
            new TextField(TextField, d.Title + "\n" + d.Content, Field.Store.NO),
        ];
    }

    /// <summary>Searchers that rank with BM25 (Lucene's defaults, k1 = 1.2, b = 0.75).</summary>
    public sealed class Bm25 : SearcherFactory
    {
        public static readonly BM25Similarity Similarity = new();

        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }
}
