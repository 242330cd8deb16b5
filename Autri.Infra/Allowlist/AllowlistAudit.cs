namespace Autri.Infra.Allowlist;

/// <summary>
/// Rows in audit_events for allowlist changes: allowlist.save for every write, allowlist.race_detected beside it when a
/// race is seen, and allowlist.unaudited_version for a version no save row accounts for.
/// </summary>
public sealed class AllowlistAudit(NpgsqlDataSource db)
{
    public const string SaveAction = "allowlist.save";
    public const string RaceAction = "allowlist.race_detected";
    public const string UnauditedAction = "allowlist.unaudited_version";

    public async Task RecordAsync(string actor, string action, string parameter, object details, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("INSERT INTO audit_events (actor, action, target, details) VALUES (@actor, @action, @target, @details)");
        cmd.Parameters.AddWithValue("actor", actor);
        cmd.Parameters.AddWithValue("action", action);
        cmd.Parameters.AddWithValue("target", parameter);
        cmd.Parameters.Add(new NpgsqlParameter("details", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(details) });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records <paramref name="current"/> as allowlist.unaudited_version when no allowlist.save row names it and it was
    /// written more than <paramref name="settle"/> ago (younger, a save may be between its write and its row): a portal
    /// killed in that gap, or an edit in the SSM console. Once only, whichever instance looks first. True when recorded.
    /// </summary>
    public async Task<bool> RecordIfUnauditedAsync(Parameter current, TimeSpan settle, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended('autri.allowlist-audit', 0))", transaction: tx, cancellationToken: ct));
        var recorded = await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_events (actor, action, target, details)
            SELECT 'system', @unaudited, @target, jsonb_build_object('version', @version, 'last_modified', @lastModified,
                'reason', 'no allowlist.save row names this version: the portal stopped between writing it and auditing it, or it was edited outside the portal')
            WHERE @lastModified < now() - @settle
              AND NOT EXISTS (SELECT 1 FROM audit_events
                              WHERE action IN (@save, @unaudited) AND target = @target AND details->>'version' = @version::text)
            """, new { unaudited = UnauditedAction, save = SaveAction, target = current.Name, version = current.Version, lastModified = current.LastModified, settle },
            tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return recorded == 1;
    }
}
