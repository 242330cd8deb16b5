namespace Autri.Infra.Documents.Search;

/// <summary>
/// Which KBs a library holds, read from <c>library_kbs</c> and kept for at most <see cref="Lifetime"/>: the same
/// bound within which a changed document shows in search, so a KB added to or taken from a library is searched (or
/// no longer) within it too.
/// </summary>
public sealed class LibraryKbs(NpgsqlDataSource db, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, (Guid[] Kbs, long ReadAt)> _cache = new();

    public async Task<Guid[]> GetAsync(Guid libraryId, CancellationToken ct)
    {
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(libraryId, out var cached) && time.GetElapsedTime(cached.ReadAt, now) < Lifetime) return cached.Kbs;
        await using var cmd = db.CreateCommand("SELECT kb_id FROM library_kbs WHERE library_id = $1 ORDER BY kb_id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = libraryId });
        var kbs = new List<Guid>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct)) kbs.Add(r.GetGuid(0));
        }
        var result = kbs.ToArray();
        _cache[libraryId] = (result, now);
        return result;
    }
}
