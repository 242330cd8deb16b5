using System.Diagnostics;

namespace Autri.Infra.Documents.Search;

/// <summary>
/// This process's search index: one <see cref="KbIndex"/> per KB that someone searched here, built from Postgres on
/// first use and then kept current by <see cref="DocumentChangeFeed"/>. Postgres stays the store of record; the
/// index is a cache any instance can rebuild, so the server stays stateless (any instance answers any request).
///
/// Following the feed: <see cref="_watermark"/> is the lowest transaction id whose changes may still be unseen.
/// A KB built at a snapshot with xmin X has seen every change below X, so registering it lowers the watermark to X;
/// a catch-up read at a snapshot with xmin Y moves it to Y, unless a KB registered while that read ran, in which case
/// it stays at that KB's X (<see cref="_rewind"/>). Re-reading a change is harmless: versions make writes idempotent.
/// </summary>
public sealed class DocumentIndex : IDisposable
{
    /// <summary>How long a search waits for a KB's first build before Postgres answers it instead.</summary>
    public static readonly TimeSpan BuildWait = TimeSpan.FromSeconds(2);

    /// <summary>A KB nobody searched here for this long is dropped (it is rebuilt on its next search).</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(30);

    // A title match counts this much on top of the body's BM25 score (titles ranked above bodies in Postgres too).
    private const float TitleBonus = 0.5f;

    private readonly SearchAnalyzer _analyzer = new();
    private readonly DocumentChanges _changes;
    private readonly TimeProvider _time;
    private readonly ILogger<DocumentIndex> _log;
    private readonly ConcurrentDictionary<Guid, Lazy<Task<KbIndex>>> _builds = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, KbIndex> _followed = []; // under _gate
    private ulong? _watermark; // under _gate; null while no KB is followed
    private ulong _rewind = ulong.MaxValue; // under _gate
    private long _epoch; // under _gate

    internal DocumentIndex(DocumentChanges changes, TimeProvider time, ILogger<DocumentIndex> log)
    {
        _changes = changes;
        _time = time;
        _log = log;
    }

    /// <summary>
    /// The best matches in the KBs, or null when a KB's index is not built yet (the caller then asks Postgres);
    /// empty when the query has nothing left to look for once stop words are dropped.
    /// </summary>
    public async Task<IReadOnlyList<DocumentHit>?> SearchAsync(IReadOnlyList<Guid> kbIds, SearchQuery query, int limit, CancellationToken ct)
    {
        if (kbIds.Count == 0) return [];
        var builds = Task.WhenAll(kbIds.Select(Build));
        if (!builds.IsCompleted) await Task.WhenAny(builds, Task.Delay(BuildWait, _time, ct));
        if (!builds.IsCompletedSuccessfully) return null;
        var indexes = builds.Result;
        var now = _time.GetTimestamp();
        foreach (var index in indexes) index.Touch(now);
        return Search(indexes, query, limit);
    }

    private List<DocumentHit> Search(KbIndex[] indexes, SearchQuery query, int limit)
    {
        var lucene = IndexQuery.Build(query, _analyzer, KbIndex.TextField, KbIndex.TitleField, TitleBonus);
        if (lucene is null) return [];
        var searchers = indexes.Select(i => i.Acquire()).ToArray();
        MultiReader? all = null;
        try
        {
            // Several KBs rank as one collection, so a word's rarity is judged across the whole library.
            var searcher = searchers.Length == 1 ? searchers[0]
                : new IndexSearcher(all = new MultiReader(searchers.Select(s => s.IndexReader).ToArray(), closeSubReaders: false))
                  { Similarity = KbIndex.Bm25.Similarity };
            var top = searcher.Search(lucene, limit);
            var wanted = query.Wanted.SelectMany(p => IndexQuery.Terms(_analyzer, KbIndex.TextField, p.Text)).Select(t => t.Term).ToHashSet();
            var ids = new KbIndex.Ids(searcher.IndexReader);
            var hits = new List<DocumentHit>(top.ScoreDocs.Length);
            foreach (var match in top.ScoreDocs)
            {
                var id = ids.Of(match.Doc);
                if (indexes.Select(i => i.Text(id)).FirstOrDefault(t => t is not null) is not { } text) continue; // deleted meanwhile
                hits.Add(new DocumentHit(id, text.Title, text.Link, match.Score / (match.Score + 1), // 0..1 like ts_rank_cd's normalization 32
                    Snippet.Build(_analyzer, KbIndex.TextField, text.Text, wanted)));
            }
            return hits;
        }
        finally
        {
            all?.Dispose();
            for (var i = 0; i < indexes.Length; i++) indexes[i].Release(searchers[i]);
        }
    }

    private Task<KbIndex> Build(Guid kbId)
    {
        while (true)
        {
            var build = _builds.GetOrAdd(kbId, id => new Lazy<Task<KbIndex>>(() => Task.Run(() => BuildAsync(id))));
            if (!build.Value.IsFaulted) return build.Value;
            _builds.TryRemove(new KeyValuePair<Guid, Lazy<Task<KbIndex>>>(kbId, build)); // a failed build is tried again
        }
    }

    private async Task<KbIndex> BuildAsync(Guid kbId)
    {
        var started = Stopwatch.GetTimestamp();
        var index = new KbIndex(kbId, _analyzer, _time.GetTimestamp());
        try
        {
            // Analysis is the cost: the rows are read on one thread and indexed on every core.
            var rows = Channel.CreateBounded<IndexedDocument>(1000);
            var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await foreach (var d in rows.Reader.ReadAllAsync()) index.Add(d);
                }
                catch (Exception ex)
                {
                    rows.Writer.TryComplete(ex); // stops the reader instead of leaving it waiting for room
                    throw;
                }
            })).ToArray();
            ulong xmin;
            try
            {
                xmin = await _changes.ReadKbAsync(kbId, d => rows.Writer.WriteAsync(d), CancellationToken.None);
            }
            finally
            {
                rows.Writer.TryComplete();
                await Task.WhenAll(workers);
            }
            index.Publish();
            lock (_gate)
            {
                index.Epoch = ++_epoch;
                _followed[kbId] = index;
                _watermark = _watermark is { } w ? Math.Min(w, xmin) : xmin;
                _rewind = Math.Min(_rewind, xmin);
            }
            _log.LogInformation(new EventId(70, "search_index_built"), "Search index of KB {kb_id} built: {document_count} documents in {duration_ms} ms",
                kbId.ToString(), index.Count, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return index;
        }
        catch (Exception ex)
        {
            index.Dispose();
            _log.LogError(new EventId(71, "search_index_build_failed"), ex, "Building the search index of KB {kb_id} failed", kbId.ToString());
            throw;
        }
    }

    /// <summary>Whether this instance has built the KB's index and follows its changes.</summary>
    public bool Follows(Guid kbId)
    {
        lock (_gate) return _followed.ContainsKey(kbId);
    }

    /// <summary>Where the next catch-up read starts and which KBs it covers; null while no KB is followed.</summary>
    internal CatchUp? BeginCatchUp()
    {
        lock (_gate)
        {
            if (_watermark is not { } since) return null;
            _rewind = ulong.MaxValue;
            return new CatchUp(since, _epoch, [.. _followed.Keys]);
        }
    }

    /// <summary>
    /// Applies a catch-up read to the KBs followed when it started (a KB registered since was built from a newer
    /// snapshot than some of these rows), publishes them, and moves the watermark.
    /// </summary>
    internal void Apply(CatchUp catchUp, DocumentChangeBatch batch)
    {
        lock (_gate)
        {
            var touched = new HashSet<KbIndex>();
            foreach (var (id, kbId) in batch.Deleted)
            {
                if (!Followed(kbId, catchUp, out var index)) continue;
                index.Remove(id);
                touched.Add(index);
            }
            foreach (var d in batch.Written)
            {
                if (!Followed(d.KbId, catchUp, out var index)) continue;
                index.Put(d);
                touched.Add(index);
            }
            foreach (var index in touched) index.Publish();
            if (_watermark is not null) _watermark = Math.Min(batch.Xmin, _rewind);
        }
    }

    /// <summary>Drops the KBs nobody searched here for <see cref="IdleAfter"/>.</summary>
    internal void DropIdle()
    {
        var cutoff = _time.GetTimestamp() - (long)(IdleAfter.TotalSeconds * _time.TimestampFrequency);
        Drop(index => index.LastUsedTicks < cutoff);
    }

    /// <summary>Drops every KB (after losing the feed for longer than deletions are kept): searches rebuild them.</summary>
    internal void DropAll() => Drop(_ => true);

    private void Drop(Func<KbIndex, bool> which)
    {
        List<KbIndex> dropped;
        lock (_gate)
        {
            dropped = _followed.Values.Where(which).ToList();
            foreach (var index in dropped)
            {
                _followed.Remove(index.KbId);
                _builds.TryRemove(index.KbId, out _);
            }
            if (_followed.Count == 0) _watermark = null;
        }
        foreach (var index in dropped)
        {
            _log.LogInformation(new EventId(72, "search_index_dropped"), "Search index of KB {kb_id} dropped", index.KbId.ToString());
            // Searches that hold its reader finish first: let them, then free the memory.
            _ = Task.Delay(TimeSpan.FromMinutes(1)).ContinueWith(_ => index.Dispose(), TaskScheduler.Default);
        }
    }

    private bool Followed(Guid kbId, CatchUp catchUp, out KbIndex index) =>
        _followed.TryGetValue(kbId, out index!) && index.Epoch <= catchUp.Epoch;

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var index in _followed.Values) index.Dispose();
            _followed.Clear();
        }
        _analyzer.Dispose();
    }

    internal sealed record CatchUp(ulong Since, long Epoch, Guid[] KbIds);
}
