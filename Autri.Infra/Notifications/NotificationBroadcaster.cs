using Autri.Domain.Notifications;

namespace Autri.Infra.Notifications;

/// <summary>What became of a broadcast: sent to a number of people (with its audit event), or nobody has that email.</summary>
public sealed record BroadcastOutcome(long? AuditId, int Recipients)
{
    public bool UnknownEmail => AuditId is null;
}

/// <summary>
/// Admin broadcasts. Everything happens in one transaction: the notifications (one set-based INSERT … SELECT,
/// however many users), the audit event and the signal to the portal instances, so a failure leaves no trace.
/// </summary>
public sealed class NotificationBroadcaster(NpgsqlDataSource db)
{
    public const string Type = "broadcast";
    public const string AuditAction = "notification.broadcast";

    public async Task<BroadcastOutcome> SendAsync(string actor, Broadcast broadcast, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var message = new { type = Type, broadcast.Title, broadcast.Body, broadcast.Link, broadcast.Email };

        int recipients;
        string payload;
        if (broadcast.Audience == BroadcastAudience.Everyone)
        {
            recipients = await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO notifications (user_id, type, title, body, link)
                SELECT id, @type, @Title, @Body, @Link FROM users
                """, message, tx, cancellationToken: ct));
            payload = NotificationSignal.Everyone;
        }
        else
        {
            var users = (await conn.QueryAsync<Guid>(new CommandDefinition("""
                INSERT INTO notifications (user_id, type, title, body, link)
                SELECT id, @type, @Title, @Body, @Link FROM users WHERE email = @Email
                RETURNING user_id
                """, message, tx, cancellationToken: ct))).AsList();
            if (users.Count == 0) return new BroadcastOutcome(null, 0); // rolled back by disposal: nothing written
            recipients = users.Count;
            payload = NotificationSignal.Encode(users);
        }

        var audience = broadcast.Audience == BroadcastAudience.Everyone ? "everyone" : broadcast.Email!;
        var auditId = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO audit_events (actor, action, target, details)
            VALUES (@actor, @action, @audience, CAST(@details AS jsonb))
            RETURNING id
            """, new
        {
            actor,
            action = AuditAction,
            audience,
            details = JsonSerializer.Serialize(new { audience, title = broadcast.Title, count = recipients, link = broadcast.Link }),
        }, tx, cancellationToken: ct));

        if (recipients > 0) await NotificationSignal.SendAsync(tx, payload, ct);
        await tx.CommitAsync(ct);
        return new BroadcastOutcome(auditId, recipients);
    }

    /// <summary>The most recent broadcasts, newest first, from the audit trail.</summary>
    public async Task<IReadOnlyList<SentBroadcast>> RecentAsync(int limit = 10, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<SentBroadcast>(new CommandDefinition("""
            SELECT id, actor, target AS Audience, details->>'title' AS Title, (details->>'count')::int AS Recipients, at AS At
            FROM audit_events WHERE action = @action ORDER BY at DESC, id DESC LIMIT @limit
            """, new { action = AuditAction, limit }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<SentBroadcast?> FindAsync(long auditId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<SentBroadcast>(new CommandDefinition("""
            SELECT id, actor, target AS Audience, details->>'title' AS Title, (details->>'count')::int AS Recipients, at AS At
            FROM audit_events WHERE action = @action AND id = @auditId
            """, new { action = AuditAction, auditId }, cancellationToken: ct));
    }
}

public sealed record SentBroadcast(long Id, string Actor, string Audience, string Title, int Recipients, DateTime At);
