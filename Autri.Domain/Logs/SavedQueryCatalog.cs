namespace Autri.Domain.Logs;

/// <summary>Every saved query of a folder (ops/queries), by slug; read by <c>SavedQueryFolder</c> in Autri.Logs.Engine.</summary>
public sealed class SavedQueryCatalog(IEnumerable<SavedQuery> queries)
{
    private readonly Dictionary<string, SavedQuery> _bySlug = queries.ToDictionary(q => q.Slug, StringComparer.Ordinal);

    /// <summary>Sorted by slug.</summary>
    public IReadOnlyList<SavedQuery> All => _bySlug.Values.OrderBy(q => q.Slug, StringComparer.Ordinal).ToList();

    public SavedQuery? Find(string slug) => _bySlug.GetValueOrDefault(slug);
}
