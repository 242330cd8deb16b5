namespace Autri.Logs.Engine.Tests.Fuzzing;

/// <summary>
/// Grammar-aware mutation of real queries (the saved queries of ops/queries and the queries the tests use): the
/// query is split into tokens and commands, then tokens are dropped, repeated, swapped or replaced by generated
/// ones, generated expressions are spliced in, literals pushed to extremes, operands nested deep, and commands
/// exchanged between queries. A few mutations flip characters, for inputs the tokenizer itself must refuse.
/// </summary>
internal static class QueryMutator
{
    public static readonly IReadOnlyList<string> Corpus = LoadCorpus();

    private static readonly string[] Punctuation = ["(", ")", "[", "]", "|", ",", "and", "or", "not", "by", "as", "like", "in", "=~", "*", "-", "`", "\"", "/", "#", "\n"];

    /// <summary>A corpus query with one to four mutations.</summary>
    public static string Mutated(Random random)
    {
        var generator = new QueryGenerator(random);
        var query = Corpus[random.Next(Corpus.Count)];
        for (var i = 1 + random.Next(4); i > 0; i--) query = Mutate(query, random, generator);
        return query;
    }

    private static string Mutate(string query, Random random, QueryGenerator generator)
    {
        List<string> tokens;
        try
        {
            tokens = Tokenizer.ReadAll(query).Where(t => t.Kind != TokenKind.End).Select(t => query.Substring(t.Offset, t.Length)).ToList();
        }
        catch (LogsQuerySyntaxError)
        {
            return FlipCharacter(query, random);
        }
        if (tokens.Count == 0) return generator.Query();
        var at = random.Next(tokens.Count);
        switch (random.Next(11))
        {
            case 0:
                tokens.RemoveAt(at);
                break;
            case 1:
                tokens.Insert(at, tokens[at]);
                break;
            case 2 when at + 1 < tokens.Count:
                (tokens[at], tokens[at + 1]) = (tokens[at + 1], tokens[at]);
                break;
            case 3:
                tokens[at] = random.Next(4) switch
                {
                    0 => generator.Number(),
                    1 => generator.String(),
                    2 => generator.Regex(),
                    _ => generator.Period(),
                };
                break;
            case 4:
                tokens[at] = Punctuation[random.Next(Punctuation.Length)];
                break;
            case 5:
                tokens.Insert(at, generator.Expression(3));
                break;
            case 6:
                tokens[at] = generator.Field();
                break;
            case 7:
                var depth = 1 + random.Next(random.Next(4) == 0 ? 150 : 8);
                tokens[at] = new string('(', depth) + tokens[at] + new string(')', depth);
                break;
            case 8:
                return SpliceCommand(query, random, generator);
            case 9:
                tokens.Insert(at, "| " + generator.Command() + " |");
                break;
            default:
                return FlipCharacter(query, random);
        }
        return string.Join(' ', tokens);
    }

    // Exchanges one command (text between top-level pipes, roughly) for one of another query or a generated one.
    private static string SpliceCommand(string query, Random random, QueryGenerator generator)
    {
        var commands = query.Split('|').ToList();
        var donor = Corpus[random.Next(Corpus.Count)].Split('|');
        var replacement = random.Next(2) == 0 ? donor[random.Next(donor.Length)] : generator.Command();
        commands[random.Next(commands.Count)] = replacement;
        if (random.Next(3) == 0) commands.Insert(random.Next(commands.Count + 1), donor[random.Next(donor.Length)]);
        return string.Join('|', commands);
    }

    private static string FlipCharacter(string query, Random random)
    {
        if (query.Length == 0) return "\"";
        var chars = query.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = random.Next(4) switch
        {
            0 => (char)random.Next(0x20),
            1 => (char)random.Next(0x20, 0x7F),
            2 => (char)random.Next(0xD800, 0xE000),
            _ => (char)random.Next(0x80, 0xFFFF),
        };
        return new string(chars);
    }

    private static List<string> LoadCorpus()
    {
        var saved = SavedQueryFolder.Load(Path.Combine(RepoPaths.Root, "ops", "queries")).All.Select(q => q.Query);
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fuzzing", "QueryCorpus.txt")).ReplaceLineEndings("\n");
        var tested = text.Split("\n----\n").Select(block => block.TrimEnd('\n')).ToList();
        // The file opens with a comment about itself: not a query.
        tested[0] = string.Join('\n', tested[0].Split('\n').SkipWhile(line => line.StartsWith('#')));
        return [.. saved, .. tested.Where(q => q.Length > 0)];
    }
}
