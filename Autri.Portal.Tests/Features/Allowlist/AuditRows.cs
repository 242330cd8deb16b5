namespace Autri.Portal.Tests.Features.Allowlist;

public static class AuditRows
{
    /// <summary>The audit rows of one change, found by its note (each test uses notes of its own).</summary>
    public static async Task<IReadOnlyList<(string Actor, string Action, string Target, JsonElement Details)>> ForNoteAsync(NpgsqlDataSource db, string note)
    {
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string, string, string, string)>(
            "SELECT actor, action, target, details::text FROM audit_events WHERE details->>'note' = @note ORDER BY id", new { note });
        return rows.Select(r => (r.Item1, r.Item2, r.Item3, JsonDocument.Parse(r.Item4).RootElement)).ToList();
    }

    public static IReadOnlyList<string?> Strings(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(x => x.GetString()).ToList();
}
