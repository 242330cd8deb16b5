namespace Autri.Infra.Documents;

/// <summary>
/// Adds, changes and deletes documents of a knowledge base (the demo seed, test corpora, future imports). Every write
/// reaches the MCP servers' search indexes through the change feed of migration 0014 (triggers), whoever writes.
/// </summary>
public sealed class DocumentWriter(NpgsqlDataSource db)
{
    /// <summary>Inserts the documents into the KB in one statement; returns their new ids in order.</summary>
    public async Task<IReadOnlyList<Guid>> AddAsync(Guid kbId, IReadOnlyList<NewDocument> documents, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await AddAsync(conn, null, kbId, documents, ct);
    }

    internal static async Task<IReadOnlyList<Guid>> AddAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid kbId,
        IReadOnlyList<NewDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return [];
        var ids = documents.Select(_ => Guid.CreateVersion7()).ToArray();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO documents (id, kb_id, title, source_uri, content)
            SELECT id, $2, title, source_uri, content
            FROM unnest($1::uuid[], $3::text[], $4::text[], $5::text[]) AS t(id, title, source_uri, content)
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        cmd.Parameters.Add(new NpgsqlParameter { Value = kbId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = documents.Select(d => d.Title).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = documents.Select(d => d.SourceUri).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = documents.Select(d => d.Content).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
        return ids;
    }

    /// <summary>Replaces a document's title, link and text; false when there is no such document.</summary>
    public async Task<bool> UpdateAsync(Guid id, NewDocument document, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE documents SET title = $2, source_uri = $3, content = $4, updated_at = now() WHERE id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = document.Title });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)document.SourceUri ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = document.Content });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Deletes a document; false when there is no such document.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("DELETE FROM documents WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }
}
