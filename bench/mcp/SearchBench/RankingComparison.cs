using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Autri.Bench.Search;

/// <summary>
/// Each query of the mix against the reference, the server with the in-process index, and the server that searches
/// with Postgres (today's ranking), one call at a time. Overlap@10 is the share of the reference's top 10 that a
/// server's top 10 holds; ties count: a hit whose reference score equals the reference's 10th best is as good as
/// any of the tied ones (generated documents tie often, and each engine breaks ties its own way). Prints the mean per
/// class and overall, each server's median latency per class at one connection, and three queries side by side.
/// </summary>
public static class RankingComparison
{
    private const int K = 10;

    public static async Task<int> RunAsync(string outDir, string indexUrl, string postgresUrl)
    {
        var searcher = ReferenceIndex.OpenSearcher(outDir);
        var queries = QueryMix.Read(outDir);
        var index = new McpSearchClient(indexUrl);
        var postgres = new McpSearchClient(postgresUrl);
        var rows = new List<Row>();
        foreach (var q in queries)
        {
            var reference = Reference(searcher, q.Text);
            var (ih, ims) = await index.SearchAsync(q.Text);
            var (ph, pms) = await postgres.SearchAsync(q.Text);
            rows.Add(new Row(q, reference, ih, ims, ph, pms, Overlap(reference, ih), Overlap(reference, ph)));
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("ranking: overlap@10 with the Lucene.NET reference (ties count), and median latency of one call at a time");
        Console.WriteLine($"  {"class",-12} {"queries",7}  {"today (Postgres)",16}  {"in-process index",16}  {"today ms",9}  {"index ms",9}");
        foreach (var g in rows.GroupBy(r => r.Query.Class))
        {
            Console.WriteLine(string.Create(inv, $"  {g.Key,-12} {g.Count(),7}  {g.Average(r => r.PostgresOverlap),16:F3}  {g.Average(r => r.IndexOverlap),16:F3}  {Median(g.Select(r => r.PostgresMs)),9:F1}  {Median(g.Select(r => r.IndexMs)),9:F1}"));
        }
        Console.WriteLine(string.Create(inv, $"  {"all",-12} {rows.Count,7}  {rows.Average(r => r.PostgresOverlap),16:F3}  {rows.Average(r => r.IndexOverlap),16:F3}  {Median(rows.Select(r => r.PostgresMs)),9:F1}  {Median(rows.Select(r => r.IndexMs)),9:F1}"));
        Console.WriteLine(string.Create(inv, $"RANKING today={rows.Average(r => r.PostgresOverlap):F3} index={rows.Average(r => r.IndexOverlap):F3}"));

        foreach (var cls in new[] { "mid+mid", "phrase", "negation" })
        {
            if (rows.FirstOrDefault(r => r.Query.Class == cls) is not { } row) continue;
            Console.WriteLine();
            Console.WriteLine($"example ({cls}): {row.Query.Text}   [documents per word: {row.Query.Frequencies}]");
            Console.WriteLine($"  {"#",2}  {"Lucene.NET reference",-44} {"today (Postgres)",-44} {"in-process index",-44}");
            for (var i = 0; i < 5; i++)
            {
                string Cell(IReadOnlyList<Hit> hits) => i < hits.Count ? Mark(hits[i], row.Reference) : "";
                Console.WriteLine($"  {i + 1,2}  {Cell(row.Reference.Top),-44} {Cell(row.Postgres),-44} {Cell(row.Index),-44}");
            }
            Console.WriteLine(string.Create(inv, $"  overlap@10: today {row.PostgresOverlap:F1}, index {row.IndexOverlap:F1}"));
        }
        return 0;
    }

    private sealed record ReferenceTop(List<Hit> Top, Func<Guid, float> Score, float Tenth);

    private sealed record Row(MixQuery Query, ReferenceTop Reference, List<Hit> Index, double IndexMs, List<Hit> Postgres, double PostgresMs,
        double IndexOverlap, double PostgresOverlap);

    // The reference's top 10, and a way to score any document with the reference's query to judge ties.
    private static ReferenceTop Reference(IndexSearcher searcher, string text)
    {
        var query = ReferenceIndex.Query(text);
        if (query is null) return new ReferenceTop([], _ => -1, 0);
        var top = searcher.Search(query, K).ScoreDocs;
        var hits = top.Select(d => searcher.Doc(d.Doc)).Select(d => new Hit(Guid.ParseExact(d.Get(ReferenceIndex.IdField), "N"), d.Get(ReferenceIndex.TitleField))).ToList();
        float Score(Guid id)
        {
            var doc = searcher.Search(new TermQuery(new Term(ReferenceIndex.IdField, id.ToString("N"))), 1).ScoreDocs;
            if (doc.Length == 0) return -1;
            var explained = searcher.Explain(query, doc[0].Doc);
            return explained.IsMatch ? explained.Value : -1;
        }
        return new ReferenceTop(hits, Score, top.Length >= K ? top[K - 1].Score : 0);
    }

    private static bool InTop(ReferenceTop reference, Hit hit) => reference.Score(hit.Id) is var s && s >= 0 && s >= reference.Tenth * (1 - 1e-5);

    private static double Overlap(ReferenceTop reference, List<Hit> hits)
    {
        if (reference.Top.Count == 0) return hits.Count == 0 ? 1 : 0;
        return Math.Min(1, (double)hits.Take(K).Count(h => InTop(reference, h)) / reference.Top.Count);
    }

    private static string Mark(Hit hit, ReferenceTop reference)
    {
        var inTop = InTop(reference, hit);
        var title = hit.Title.Length > 40 ? hit.Title[..40] : hit.Title;
        return (inTop ? "= " : "  ") + title;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
