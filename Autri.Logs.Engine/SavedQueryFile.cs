namespace Autri.Logs.Engine;

/// <summary>
/// Reads the saved-query format of ops/queries/README.md: a front-matter block between <c>---</c> lines
/// (<c>key: value</c>, one per line), then the query text.
/// </summary>
public static partial class SavedQueryFile
{
    public const string Extension = ".logsql";

    private static readonly string[] RequiredKeys = ["slug", "title", "description", "logGroups", "defaultRange", "chart"];

    /// <param name="fileName">The file's name (for messages, and the slug must equal it without <see cref="Extension"/>).</param>
    /// <exception cref="SavedQueryFormatException">Names the file and the missing or bad key.</exception>
    public static SavedQuery Parse(string fileName, string content)
    {
        var name = Path.GetFileName(fileName);
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
            throw new SavedQueryFormatException(name, "must start with a --- line opening the front matter");
        var close = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (close < 0) throw new SavedQueryFormatException(name, "the front matter is not closed with a --- line");

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < close; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new SavedQueryFormatException(name, $"front-matter line {i + 1} is not 'key: value': {line.Trim()}");
            var key = line[..colon].Trim();
            if (!keys.TryAdd(key, line[(colon + 1)..].Trim()))
                throw new SavedQueryFormatException(name, $"key '{key}' appears twice");
        }
        foreach (var key in RequiredKeys)
        {
            if (!keys.TryGetValue(key, out var value)) throw new SavedQueryFormatException(name, $"missing key '{key}'");
            if (value.Length == 0) throw new SavedQueryFormatException(name, $"key '{key}' is empty");
        }
        var unknown = keys.Keys.Except(RequiredKeys).ToList();
        if (unknown.Count > 0) throw new SavedQueryFormatException(name, $"unknown key '{unknown[0]}'");

        var slug = keys["slug"];
        if (!SlugPattern().IsMatch(slug)) throw new SavedQueryFormatException(name, $"key 'slug' must match [a-z0-9-]+, got '{slug}'");
        var expectedSlug = name.EndsWith(Extension, StringComparison.Ordinal) ? name[..^Extension.Length] : name;
        if (slug != expectedSlug)
            throw new SavedQueryFormatException(name, $"key 'slug' is '{slug}' but the file name says '{expectedSlug}'");

        var groups = keys["logGroups"].Split(',', StringSplitOptions.TrimEntries);
        if (groups.Any(g => !SlugPattern().IsMatch(g)))
            throw new SavedQueryFormatException(name, $"key 'logGroups' must be comma-separated logical names, got '{keys["logGroups"]}'");

        if (!QueryRange.SavedQueryChoices.Contains(keys["defaultRange"]) || !QueryRange.TryParse(keys["defaultRange"], out var range))
            throw new SavedQueryFormatException(name,
                $"key 'defaultRange' must be one of {string.Join(", ", QueryRange.SavedQueryChoices)}, got '{keys["defaultRange"]}'");

        if (!Enum.TryParse<ChartKind>(keys["chart"], ignoreCase: true, out var chart) || keys["chart"] != keys["chart"].ToLowerInvariant())
            throw new SavedQueryFormatException(name, $"key 'chart' must be timeseries, bar or table, got '{keys["chart"]}'");

        var body = lines[(close + 1)..];
        var query = string.Join('\n', body).Trim();
        if (query.Length == 0) throw new SavedQueryFormatException(name, "the query after the front matter is empty");
        try
        {
            LogsQueryParser.Parse(query);
        }
        catch (LogsQuerySyntaxError e)
        {
            // Report the line of the file, not of the query: the query starts after the front matter and blank lines.
            var fileLine = e.Line + close + 1 + body.TakeWhile(string.IsNullOrWhiteSpace).Count();
            throw new SavedQueryFormatException(name, $"query syntax error at line {fileLine}, column {e.Column}: {e.Reason}", e);
        }

        return new SavedQuery(slug, keys["title"], keys["description"], groups, query, range, chart);
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex SlugPattern();
}
