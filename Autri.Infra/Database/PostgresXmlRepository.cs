namespace Autri.Infra.Database;

/// <summary>
/// Data-protection keys in Postgres, so every portal instance reads the others' cookies. Each key's secret arrives here
/// already encrypted (Autri.Infra/KeyRing): the table holds no key in plain text.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = db.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
        using var r = cmd.ExecuteReader();
        var result = new List<XElement>();
        while (r.Read()) result.Add(XElement.Parse(r.GetString(0)));
        return result;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = db.CreateCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@n, @x) ON CONFLICT (friendly_name) DO NOTHING");
        cmd.Parameters.AddWithValue("n", friendlyName);
        cmd.Parameters.AddWithValue("x", element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Passes every stored element (with its friendly name) to <paramref name="rewrite"/> and stores what it returns in
    /// its place (null: unchanged), in one transaction under an advisory lock, so instances starting together take
    /// turns. Returns how many elements changed.
    /// </summary>
    public async Task<int> RewriteAllAsync(Func<string, XElement, XElement?> rewrite, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('autri.data-protection-keys.rewrite', 0))", conn, tx))
            await lockCmd.ExecuteNonQueryAsync(ct);
        var rows = new List<(string Name, string Xml)>();
        await using (var read = new NpgsqlCommand("SELECT friendly_name, xml FROM data_protection_keys ORDER BY created_at FOR UPDATE", conn, tx))
        await using (var r = await read.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) rows.Add((r.GetString(0), r.GetString(1)));

        var changed = 0;
        foreach (var (name, xml) in rows)
        {
            if (rewrite(name, XElement.Parse(xml)) is not { } next) continue;
            await using var update = new NpgsqlCommand("UPDATE data_protection_keys SET xml = @x WHERE friendly_name = @n", conn, tx);
            update.Parameters.AddWithValue("n", name);
            update.Parameters.AddWithValue("x", next.ToString(SaveOptions.DisableFormatting));
            await update.ExecuteNonQueryAsync(ct);
            changed++;
        }
        await tx.CommitAsync(ct);
        return changed;
    }
}
