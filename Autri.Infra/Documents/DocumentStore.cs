namespace Autri.Infra.Documents;

/// <summary>
/// Reads documents on behalf of one library: every query joins <c>library_kbs</c> on the caller's library, so a
/// document of another library is never returned and cannot be told apart from one that does not exist.
/// Statements are prepared (Npgsql keeps them per physical connection) because the MCP server runs them per call.
/// </summary>
public sealed class DocumentStore(NpgsqlDataSource db)
{
    public const int MaxSearchResults = 50;
    public const int MaxPageSize = 100;

    // Rank the matches first and build headlines only for the few returned: ts_headline re-parses the text.
    private const string SearchSql = """
        WITH q AS (SELECT websearch_to_tsquery('english', $2) AS query),
        top AS (
            SELECT d.id, d.title, d.source_uri, d.content, ts_rank_cd(d.search, q.query, 32) AS rank
            FROM q, documents d
            WHERE d.search @@ q.query
              AND d.kb_id IN (SELECT kb_id FROM library_kbs WHERE library_id = $1)
            ORDER BY rank DESC, d.id
            LIMIT $3)
        SELECT top.id, top.title, top.source_uri, top.rank,
               ts_headline('english', top.content, q.query,
                   'StartSel=**, StopSel=**, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "')
        FROM top, q
        ORDER BY top.rank DESC, top.id
        """;

    private const string ListSql = """
        SELECT d.id, d.title, d.source_uri, length(d.content), d.updated_at
        FROM documents d
        WHERE d.kb_id IN (SELECT kb_id FROM library_kbs WHERE library_id = $1)
          AND ($2::uuid IS NULL OR d.id > $2)
        ORDER BY d.id
        LIMIT $3
        """;

    private const string GetSql = """
        SELECT d.id, d.title, d.source_uri, length(d.content), substr(d.content, $3 + 1, $4)
        FROM documents d
        WHERE d.id = $2
          AND d.kb_id IN (SELECT kb_id FROM library_kbs WHERE library_id = $1)
        """;

    /// <summary>Full-text search (web-search syntax: words, "quoted phrases", or, -not), best first.</summary>
    public async Task<IReadOnlyList<DocumentHit>> SearchAsync(Guid libraryId, string query, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxSearchResults);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(SearchSql, conn);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = libraryId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await cmd.PrepareAsync(ct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var hits = new List<DocumentHit>(limit);
        while (await r.ReadAsync(ct))
        {
            hits.Add(new DocumentHit(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetFloat(3), r.GetString(4)));
        }
        return hits;
    }

    /// <summary>The library's documents in a stable order, <paramref name="limit"/> at a time after <paramref name="after"/>.</summary>
    public async Task<DocumentPage> ListAsync(Guid libraryId, Guid? after, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(ListSql, conn);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = libraryId });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)after ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit + 1 }); // one more tells whether a next page exists
        await cmd.PrepareAsync(ct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var items = new List<DocumentSummary>(limit + 1);
        while (await r.ReadAsync(ct))
        {
            items.Add(new DocumentSummary(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3),
                r.GetFieldValue<DateTimeOffset>(4)));
        }
        if (items.Count <= limit) return new DocumentPage(items, null);
        items.RemoveAt(limit);
        return new DocumentPage(items, items[^1].Id);
    }

    /// <summary>
    /// Characters [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of a document of the
    /// library, or null when the library holds no such document (missing and foreign look the same).
    /// </summary>
    public async Task<DocumentSlice?> GetAsync(Guid libraryId, Guid documentId, int start, int length, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(GetSql, conn);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = libraryId });
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = documentId });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = start });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = length });
        await cmd.PrepareAsync(ct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new DocumentSlice(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3), start, r.GetString(4));
    }
}
