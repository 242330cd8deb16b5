namespace Autri.Infra.Documents.Search;

/// <summary>What changed in some KBs since a transaction id, read at one snapshot whose xmin is <see cref="Xmin"/>.</summary>
internal sealed record DocumentChangeBatch(ulong Xmin, IReadOnlyList<(Guid Id, Guid KbId)> Deleted, IReadOnlyList<IndexedDocument> Written);

/// <summary>
/// Reads the documents feed of migration 0014 for the in-process index: a whole KB, or the changes of some KBs since a
/// watermark. Each read runs in one repeatable-read transaction and reports its snapshot's xmin: every transaction
/// below it had finished, so a reader that asks for change_xid &gt;= xmin next time misses nothing.
/// </summary>
internal sealed class DocumentChanges(NpgsqlDataSource db)
{
    private const string Columns = "d.id, d.kb_id, d.version, d.title, d.source_uri, d.content";

    /// <summary>Every document of the KB, handed to <paramref name="add"/> as it is read; returns the snapshot's xmin.</summary>
    public async Task<ulong> ReadKbAsync(Guid kbId, Func<IndexedDocument, ValueTask> add, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var xmin = await Snapshots.XminAsync(conn, tx, ct);
        await using (var cmd = new NpgsqlCommand($"SELECT {Columns} FROM documents d WHERE d.kb_id = $1", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = kbId });
            await using var r = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await r.ReadAsync(ct)) await add(await ReadDocumentAsync(r, ct));
        }
        await tx.CommitAsync(ct);
        return xmin;
    }

    /// <summary>Deletions and writes in the KBs by transactions from <paramref name="since"/> on, on the given connection.</summary>
    public static async Task<DocumentChangeBatch> ReadSinceAsync(NpgsqlConnection conn, ulong since, Guid[] kbIds, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var xmin = await Snapshots.XminAsync(conn, tx, ct);
        var deleted = new List<(Guid, Guid)>();
        await using (var cmd = new NpgsqlCommand("SELECT id, kb_id FROM document_deletions WHERE change_xid >= $1 AND kb_id = ANY($2)", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = since, NpgsqlDbType = NpgsqlDbType.Xid8 });
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = kbIds });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) deleted.Add((r.GetGuid(0), r.GetGuid(1)));
        }
        var written = new List<IndexedDocument>();
        await using (var cmd = new NpgsqlCommand($"SELECT {Columns} FROM documents d WHERE d.change_xid >= $1 AND d.kb_id = ANY($2)", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = since, NpgsqlDbType = NpgsqlDbType.Xid8 });
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = kbIds });
            await using var r = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await r.ReadAsync(ct)) written.Add(await ReadDocumentAsync(r, ct));
        }
        await tx.CommitAsync(ct);
        return new DocumentChangeBatch(xmin, deleted, written);
    }

    /// <summary>Forgets deletions older than <paramref name="age"/>: a reader away longer than that starts over.</summary>
    public static async Task PruneDeletionsAsync(NpgsqlConnection conn, TimeSpan age, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("DELETE FROM document_deletions WHERE deleted_at < now() - $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = age });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<IndexedDocument> ReadDocumentAsync(NpgsqlDataReader r, CancellationToken ct) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetInt64(2), r.GetString(3),
        await r.IsDBNullAsync(4, ct) ? null : r.GetString(4), r.GetString(5));
}
