namespace Autri.Infra.Database;

/// <summary>The watermark of the change feeds (migrations 0014, 0019).</summary>
internal static class Snapshots
{
    /// <summary>
    /// The xmin of the transaction's snapshot: every transaction below it had finished, so a reader that asks for
    /// change_xid &gt;= xmin next time misses nothing this read did not see.
    /// </summary>
    public static async Task<ulong> XminAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())", conn, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return r.GetFieldValue<ulong>(0);
    }
}
