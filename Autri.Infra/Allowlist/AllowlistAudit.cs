namespace Autri.Infra.Allowlist;

/// <summary>Rows in audit_events for allowlist changes: allowlist.save for every write, allowlist.race_detected beside it when a race is seen.</summary>
public sealed class AllowlistAudit(NpgsqlDataSource db)
{
    public const string SaveAction = "allowlist.save";
    public const string RaceAction = "allowlist.race_detected";

    public async Task RecordAsync(string actor, string action, string parameter, object details, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("INSERT INTO audit_events (actor, action, target, details) VALUES (@actor, @action, @target, @details)");
        cmd.Parameters.AddWithValue("actor", actor);
        cmd.Parameters.AddWithValue("action", action);
        cmd.Parameters.AddWithValue("target", parameter);
        cmd.Parameters.Add(new NpgsqlParameter("details", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(details) });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
