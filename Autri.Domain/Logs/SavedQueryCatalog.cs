namespace Autri.Domain.Logs;

/// <summary>Every saved query of a folder (ops/queries), by slug. Loading fails on the first bad file.</summary>
public sealed class SavedQueryCatalog
{
    private readonly Dictionary<string, SavedQuery> _bySlug;

    private SavedQueryCatalog(IEnumerable<SavedQuery> queries) =>
        _bySlug = queries.ToDictionary(q => q.Slug, StringComparer.Ordinal);

    /// <summary>Sorted by slug.</summary>
    public IReadOnlyList<SavedQuery> All => _bySlug.Values.OrderBy(q => q.Slug, StringComparer.Ordinal).ToList();

    /// <exception cref="SavedQueryFormatException">Naming the first file that does not follow the format.</exception>
    public static SavedQueryCatalog Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Saved-query folder not found: {directory}");
        var files = Directory.EnumerateFiles(directory, "*" + SavedQueryFile.Extension).Order(StringComparer.Ordinal);
        return new SavedQueryCatalog(files.Select(f => SavedQueryFile.Parse(f, File.ReadAllText(f))));
    }

    public SavedQuery? Find(string slug) => _bySlug.GetValueOrDefault(slug);
}
