namespace Autri.Infra.Documents.Search;

/// <summary>
/// The passages of a document that show why it matched, matched words in **bold**, like the ts_headline options the
/// Postgres search used (two fragments at most, joined by " … "). Words match by their analyzed form, so "rotating"
/// is bold for the query "rotate". A document that matched only in its title shows its first words.
/// </summary>
public static class Snippet
{
    public const int WordsPerFragment = 20;
    public const int MaxFragments = 2;
    public const string Delimiter = " … ";

    // Finding passages re-reads the text; past this many characters the cost would grow with the document, and a
    // match that far in still shows through the title and score.
    private const int ScannedChars = 30_000;

    private const int WordsBeforeMatch = 3;

    public static string Build(Analyzer analyzer, string field, string content, IReadOnlySet<string> wanted)
    {
        var scanned = content.Length <= ScannedChars ? content : content[..ScannedChars];
        var words = Words(scanned);
        if (words.Count == 0) return "";
        var matches = Matches(analyzer, field, scanned, wanted);
        var matched = new bool[words.Count];
        var m = 0;
        for (var w = 0; w < words.Count && m < matches.Count; w++)
        {
            while (m < matches.Count && matches[m].End <= words[w].Start) m++;
            if (m < matches.Count && matches[m].Start < words[w].End) matched[w] = true;
        }

        var fragments = Choose(matched);
        var text = new StringBuilder();
        foreach (var start in fragments)
        {
            if (text.Length > 0) text.Append(Delimiter);
            var end = Math.Min(start + WordsPerFragment, words.Count);
            for (var w = start; w < end; w++)
            {
                if (w > start) text.Append(' ');
                Append(text, scanned, words[w], matches);
            }
        }
        return text.ToString();
    }

    // The window around the match with the most matches near it, then the best window that does not overlap it.
    private static List<int> Choose(bool[] matched)
    {
        var prefix = new int[matched.Length + 1];
        for (var i = 0; i < matched.Length; i++) prefix[i + 1] = prefix[i] + (matched[i] ? 1 : 0);
        int Count(int start) => prefix[Math.Min(start + WordsPerFragment, matched.Length)] - prefix[start];

        var chosen = new List<int>();
        for (var f = 0; f < MaxFragments; f++)
        {
            int best = -1, bestCount = 0;
            for (var i = 0; i < matched.Length; i++)
            {
                if (!matched[i]) continue;
                var start = Math.Max(0, i - WordsBeforeMatch);
                if (chosen.Any(c => start < c + WordsPerFragment && c < start + WordsPerFragment)) continue;
                var count = Count(start);
                if (count > bestCount) (best, bestCount) = (start, count);
            }
            if (best < 0) break;
            chosen.Add(best);
        }
        if (chosen.Count == 0) chosen.Add(0);
        chosen.Sort();
        return chosen;
    }

    private static void Append(StringBuilder text, string content, (int Start, int End) word, List<(int Start, int End)> matches)
    {
        var at = word.Start;
        foreach (var (start, end) in matches)
        {
            if (end <= word.Start || start >= word.End) continue;
            var s = Math.Max(start, word.Start);
            var e = Math.Min(end, word.End);
            text.Append(content, at, s - at).Append("**").Append(content, s, e - s).Append("**");
            at = e;
        }
        text.Append(content, at, word.End - at);
    }

    private static List<(int Start, int End)> Words(string content)
    {
        var words = new List<(int, int)>();
        var i = 0;
        while (i < content.Length)
        {
            while (i < content.Length && char.IsWhiteSpace(content[i])) i++;
            var start = i;
            while (i < content.Length && !char.IsWhiteSpace(content[i])) i++;
            if (i > start) words.Add((start, i));
        }
        return words;
    }

    // Words are stemmed one by one and remembered: the same words recur across documents and queries, so after a
    // while a word costs a dictionary look-up instead of a pass through the analyzer (the cost of a snippet was
    // mostly stemming). Bounded: past the limit the memory starts over.
    private const int RememberedWords = 200_000;
    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);

    // Runs of letters and digits (an apostrophe inside a word too: "walrus's"), as the tokenizer mostly sees words.
    private static List<(int Start, int End)> Matches(Analyzer analyzer, string field, string content, IReadOnlySet<string> wanted)
    {
        var spans = new List<(int, int)>();
        var stems = Stems.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[64];
        var i = 0;
        while (i < content.Length)
        {
            while (i < content.Length && !char.IsLetterOrDigit(content[i])) i++;
            var start = i;
            while (i < content.Length && (char.IsLetterOrDigit(content[i]) || content[i] == '\'' && i + 1 < content.Length && char.IsLetter(content[i + 1]))) i++;
            var word = content.AsSpan(start, i - start);
            if (word.IsEmpty || word.Length > lower.Length) continue;
            var key = lower[..word.ToLowerInvariant(lower)];
            if (!stems.TryGetValue(key, out var stem))
            {
                var text = key.ToString();
                stem = IndexQuery.Terms(analyzer, field, text) is [var first, ..] ? first.Term : "";
                if (Stems.Count >= RememberedWords) Stems.Clear();
                Stems[text] = stem;
            }
            if (stem.Length > 0 && wanted.Contains(stem)) spans.Add((start, i));
        }
        return spans;
    }
}
