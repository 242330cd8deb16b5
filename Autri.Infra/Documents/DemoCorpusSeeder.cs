namespace Autri.Infra.Documents;

/// <summary>
/// Local mode only: puts <see cref="DemoCorpus"/> into every KB named "Personal" that has no documents yet.
/// Personal KBs appear when people first sign in to the portal, which may be long after the MCP server starts,
/// so the server calls this at start and then every minute. Idempotent and safe across instances: one
/// transaction under an advisory lock, and a KB that has any document is left alone.
/// </summary>
public sealed class DemoCorpusSeeder(NpgsqlDataSource db, ILogger<DemoCorpusSeeder> log)
{
    private const long LockKey = 0x4175747269_44; // "Autri" + 'D'

    /// <summary>Seeds the empty Personal KBs; returns how many it seeded.</summary>
    public async Task<int> SeedEmptyPersonalKbsAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", conn, tx))
        {
            lockCmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        var empty = new List<Guid>();
        await using (var find = new NpgsqlCommand("""
            SELECT k.id FROM kbs k
            WHERE k.name = 'Personal' AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.kb_id = k.id)
            """, conn, tx))
        await using (var r = await find.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct)) empty.Add(r.GetGuid(0));
        }
        foreach (var kb in empty) await DocumentWriter.AddAsync(conn, tx, kb, DemoCorpus.Documents, ct);
        await tx.CommitAsync(ct);
        if (empty.Count > 0)
            log.LogInformation(new EventId(60, "demo_corpus_seeded"), "Seeded the demo corpus into {kb_count} Personal KB(s)", empty.Count);
        return empty.Count;
    }
}
