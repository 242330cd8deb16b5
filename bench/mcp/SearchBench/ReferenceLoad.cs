using System.Diagnostics;
using System.Globalization;

namespace Autri.Bench.Search;

/// <summary>
/// The reference under load: <c>connections</c> threads each run the query mix in turn against the reference index
/// for the given seconds (parse, search top 10, read each hit's id: what an answer needs, without HTTP or snippets),
/// and one JSON line in the shape of the wrk script's.
/// </summary>
public static class ReferenceLoad
{
    private static readonly ISet<string> IdOnly = new HashSet<string> { ReferenceIndex.IdField };

    public static int Run(string outDir, int connections, int seconds, string label)
    {
        var searcher = ReferenceIndex.OpenSearcher(outDir);
        var queries = QueryMix.Read(outDir).Select(q => q.Text).ToArray();
        // Warm up first (JIT, caches), as the servers were warmed up before they were measured.
        var warm = Stopwatch.GetTimestamp() + Stopwatch.Frequency * Math.Min(3, Math.Max(1, seconds / 3));
        for (var i = 0; Stopwatch.GetTimestamp() < warm; i++) Answer(searcher, queries[i % queries.Length]);
        var latencies = new List<double>[connections];
        var next = 0L;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var threads = Enumerable.Range(0, connections).Select(t => new Thread(() =>
        {
            var mine = latencies[t] = [];
            while (Stopwatch.GetTimestamp() < until)
            {
                var begin = Stopwatch.GetTimestamp();
                Answer(searcher, queries[Interlocked.Increment(ref next) % queries.Length]);
                mine.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"label\":\"{label}\",\"requests\":{all.Length},\"rps\":{all.Length / elapsed:F1},\"p50_ms\":{Percentile(all, 50):F2},\"p99_ms\":{Percentile(all, 99):F2},\"server_cpu_ms\":{cpuMs / Math.Max(1, all.Length):F3},\"postgres_cpu_ms\":0,\"non2xx\":0,\"socket_errors\":0}}"));
        return 0;
    }

    /// <summary>Each query's median time alone (20 tries after a warm-up): which kinds of query cost what.</summary>
    public static int Profile(string outDir)
    {
        var searcher = ReferenceIndex.OpenSearcher(outDir);
        var queries = QueryMix.Read(outDir);
        foreach (var q in queries) for (var i = 0; i < 5; i++) Answer(searcher, q.Text);
        foreach (var q in queries)
        {
            var times = Enumerable.Range(0, 20).Select(_ =>
            {
                var begin = Stopwatch.GetTimestamp();
                Answer(searcher, q.Text);
                return Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
            }).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {q.Class,-12} {q.Text,-40} {times[10],8:F3} ms   {q.Frequencies}"));
        }
        return 0;
    }

    private static void Answer(Lucene.Net.Search.IndexSearcher searcher, string text)
    {
        if (ReferenceIndex.Query(text) is not { } query) return;
        foreach (var hit in searcher.Search(query, 10).ScoreDocs) _ = searcher.Doc(hit.Doc, IdOnly).Get(ReferenceIndex.IdField);
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}
