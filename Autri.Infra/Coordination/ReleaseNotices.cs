using Autri.Infra.Notifications;

namespace Autri.Infra.Coordination;

/// <summary>
/// Tells the deployment's admins (the people who were in the admin group at their last sign-in) that a release is
/// available: one notification each through the ordinary notifications, with the release notes and the exact upgrade
/// command. An admin is told once per release however often the agent reports it; one who signs in later is told at
/// the agent's next report.
/// </summary>
public sealed class ReleaseNotices(NpgsqlDataSource db)
{
    public const string Type = "release";

    public static string Title(ReleaseManifest m) => $"Autri {m.Version} is available ({m.Channel})";

    public static string Body(ReleaseManifest m, string environment) =>
        $"{m.Notes}\n\nTo upgrade, run this in your deployment repository (applying it stays your decision):\n{m.UpgradeCommandFor(environment)}";

    /// <summary>Notifies every admin not yet told; returns how many were notified now.</summary>
    public async Task<int> AnnounceAsync(ReleaseManifest manifest, string environment, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var users = (await conn.QueryAsync<Guid>(new CommandDefinition("""
            INSERT INTO notifications (user_id, type, title, body)
            SELECT id, @type, @title, @body FROM users WHERE is_admin
            ON CONFLICT (user_id, title) WHERE type = 'release' DO NOTHING
            RETURNING user_id
            """, new { type = Type, title = Title(manifest), body = Body(manifest, environment) }, tx, cancellationToken: ct))).AsList();
        if (users.Count > 0) await NotificationSignal.SendAsync(tx, users, ct);
        await tx.CommitAsync(ct);
        return users.Count;
    }
}
