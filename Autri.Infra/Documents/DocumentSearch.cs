using Autri.Infra.Documents.Search;

namespace Autri.Infra.Documents;

/// <summary>
/// search_documents: the caller's library searched with this instance's in-process index (BM25 over Lucene.NET,
/// kept current from Postgres), or with Postgres full-text search while a KB's index is still being built, or
/// always where the deployment turns the index off. Both read the same web-search syntax (<see cref="SearchQuery"/>).
/// </summary>
public sealed class DocumentSearch(DocumentStore store, LibraryKbs libraries, DocumentIndex? index = null)
{
    /// <summary>The best matches, best first; <see cref="SearchQueryException"/> for a query that only excludes.</summary>
    public async Task<IReadOnlyList<DocumentHit>> SearchAsync(Guid libraryId, string query, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, DocumentStore.MaxSearchResults);
        var parsed = SearchQuery.Parse(query);
        if (index is not null && await index.SearchAsync(await libraries.GetAsync(libraryId, ct), parsed, limit, ct) is { } hits) return hits;
        return await store.SearchAsync(libraryId, query, limit, ct);
    }
}
