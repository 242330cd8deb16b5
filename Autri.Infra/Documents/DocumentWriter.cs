using Npgsql;

namespace Autri.Infra.Documents;

/// <summary>Adds documents to a knowledge base (the demo seed, test corpora, future imports).</summary>
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
}
