using System.Text.Json;
using Lucene.Net.Analysis.TokenAttributes;
using Npgsql;

namespace Autri.Bench.Search;

/// <summary>One query of the mix: its class (what kind of query people make) and how many documents its words are in.</summary>
public sealed record MixQuery(string Class, string Text, string Frequencies);

/// <summary>
/// Builds the reference index from the documents in Postgres and, from the same pass, the query mix: words by how
/// many documents hold them (rare: in at most 3, or the rarest 5 % of words where none is that rare; mid: in
/// 0.5–5 % of documents, or around the median; common: the 30 most widespread), and queries drawn from sample
/// documents so that each has matches: one rare, one mid, one common word; two mid words; common and rare;
/// three words; a quoted phrase; a negation; an OR. Four of each, the same every run (fixed seed).
/// </summary>
public static class QueryMix
{
    private const int PerClass = 4;
    private const int Samples = 400;

    private sealed record Token(string Term, string Surface, int Position);

    public static async Task<int> PrepareAsync(string connectionString, string outDir)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var count = Convert.ToInt32(await db.CreateCommand("SELECT count(*) FROM documents").ExecuteScalarAsync());
        var random = new Random(42);
        var sampled = Enumerable.Range(0, Samples).Select(_ => random.Next(count)).ToHashSet();
        var df = new Dictionary<string, int>();
        var samples = new List<List<Token>>();

        using (var writer = ReferenceIndex.OpenWriter(outDir))
        {
            await using var cmd = db.CreateCommand("SELECT id, title, content FROM documents ORDER BY id");
            await using var r = await cmd.ExecuteReaderAsync();
            var n = 0;
            while (await r.ReadAsync())
            {
                var (id, title, content) = (r.GetGuid(0), r.GetString(1), r.GetString(2));
                writer.AddDocument(ReferenceIndex.ToLucene(id, title, content));
                var tokens = Tokens(title + "\n" + content);
                foreach (var term in tokens.Select(t => t.Term).Distinct()) df[term] = df.GetValueOrDefault(term) + 1;
                if (sampled.Contains(n++)) samples.Add(tokens);
            }
            writer.Commit();
        }

        var byDf = df.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var rare = byDf.Where(p => p.Value <= 3).Select(p => p.Key).ToHashSet();
        if (rare.Count == 0) rare = byDf.Take(Math.Max(1, byDf.Count / 20)).Select(p => p.Key).ToHashSet();
        var mid = byDf.Where(p => p.Value >= count * 0.005 && p.Value <= count * 0.05).Select(p => p.Key).ToHashSet();
        if (mid.Count < 10) mid = byDf.Skip(byDf.Count / 2 - 50).Take(100).Select(p => p.Key).ToHashSet();
        var common = byDf.TakeLast(30).Select(p => p.Key).ToHashSet();

        var queries = new List<MixQuery>();
        void Add(string cls, Func<List<Token>, string?> make)
        {
            for (var tries = 0; queries.Count(q => q.Class == cls) < PerClass && tries < 10_000; tries++)
            {
                var doc = samples[random.Next(samples.Count)];
                if (make(doc) is not { } text || queries.Any(q => q.Text == text)) continue;
                var words = Tokens(text.Replace("\"", "").Replace(" or ", " ").Replace("-", "")).Select(t => $"{t.Term}:{df.GetValueOrDefault(t.Term)}");
                queries.Add(new MixQuery(cls, text, string.Join(' ', words)));
            }
        }
        string? Pick(List<Token> doc, HashSet<string> from, params string[] not)
        {
            var candidates = doc.Where(t => from.Contains(t.Term) && !not.Contains(t.Surface)).Select(t => t.Surface).Distinct().ToList();
            return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
        }
        Add("rare", d => Pick(d, rare));
        Add("mid", d => Pick(d, mid));
        Add("common", d => Pick(d, common));
        Add("mid+mid", d => Pick(d, mid) is { } a && Pick(d, mid, a) is { } b ? $"{a} {b}" : null);
        Add("common+rare", d => Pick(d, common) is { } a && Pick(d, rare) is { } b ? $"{a} {b}" : null);
        Add("three words", d => Pick(d, mid) is { } a && Pick(d, mid, a) is { } b && Pick(d, common, a, b) is { } c ? $"{a} {b} {c}" : null);
        Add("phrase", d =>
        {
            var at = random.Next(Math.Max(1, d.Count - 1));
            if (at + 1 >= d.Count || d[at + 1].Position != d[at].Position + 1 || common.Contains(d[at].Term) && common.Contains(d[at + 1].Term)) return null;
            return $"\"{d[at].Surface} {d[at + 1].Surface}\"";
        });
        Add("negation", d =>
        {
            var has = d.Select(t => t.Term).ToHashSet();
            var absent = common.Where(c => !has.Contains(c)).ToList();
            return Pick(d, mid) is { } a && absent.Count > 0 ? $"{a} -{Surface(absent[random.Next(absent.Count)], samples)}" : null;
        });
        Add("or", d => Pick(d, mid) is { } a && mid.ElementAt(random.Next(mid.Count)) is var b && Surface(b, samples) is { } s && s != a ? $"{a} or {s}" : null);

        await File.WriteAllLinesAsync(Path.Combine(outDir, "queries.tsv"), queries.Select(q => $"{q.Class}\t{q.Text}\t{q.Frequencies}"));
        await File.WriteAllLinesAsync(Path.Combine(outDir, "bodies.jsonl"), queries.Select((q, i) => JsonSerializer.Serialize(new
        {
            jsonrpc = "2.0", id = i + 1, method = "tools/call", @params = new { name = "search_documents", arguments = new { query = q.Text, limit = 10 } },
        })));
        Console.WriteLine($"reference index: {count} documents, {df.Count} distinct words (rare {rare.Count}, mid {mid.Count}, common {common.Count}); {queries.Count} queries:");
        foreach (var q in queries) Console.WriteLine($"  {q.Class,-12} {q.Text,-40} documents per word: {q.Frequencies}");
        return 0;
    }

    public static List<MixQuery> Read(string outDir) =>
        File.ReadAllLines(Path.Combine(outDir, "queries.tsv")).Select(l => l.Split('\t')).Select(p => new MixQuery(p[0], p[1], p[2])).ToList();

    // A surface form of a term, as written in some sampled document (the stem itself where none holds it).
    private static string Surface(string term, List<List<Token>> samples) =>
        samples.SelectMany(d => d).FirstOrDefault(t => t.Term == term)?.Surface ?? term;

    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        using var stream = ReferenceIndex.Analyzer.GetTokenStream(ReferenceIndex.Field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new Token(term.ToString(), text[offset.StartOffset..offset.EndOffset].ToLowerInvariant(), position));
        }
        stream.End();
        return tokens;
    }
}
