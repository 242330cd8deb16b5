namespace Autri.Infra.Notifications;

public sealed record NotificationItem(long Id, string Type, string Title, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt)
{
    public bool IsUnread => ReadAt is null;
}

/// <summary>A user's notifications. Every query is scoped by user id: nobody reads or marks another's.</summary>
public sealed class NotificationStore(NpgsqlDataSource db)
{
    public async Task<int> UnreadCountAsync(Guid userId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM notifications WHERE user_id = @userId AND read_at IS NULL", new { userId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<NotificationItem>> ListAsync(Guid userId, int limit = 100, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<NotificationItem>(new CommandDefinition("""
            SELECT id, type, title, body, link, created_at AS CreatedAt, read_at AS ReadAt FROM notifications
            WHERE user_id = @userId ORDER BY created_at DESC, id DESC LIMIT @limit
            """, new { userId, limit }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>False when the notification does not exist or is not this user's (the caller answers 404).</summary>
    public async Task<bool> MarkReadAsync(Guid userId, long id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET read_at = now() WHERE id = @id AND user_id = @userId AND read_at IS NULL",
            new { id, userId }, tx, cancellationToken: ct));
        var exists = changed == 1 || await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM notifications WHERE id = @id AND user_id = @userId)", new { id, userId }, tx, cancellationToken: ct));
        // The user's other tabs, on any instance, update their bells.
        if (changed > 0) await NotificationSignal.SendAsync(tx, [userId], ct);
        await tx.CommitAsync(ct);
        return exists;
    }

    public async Task<int> MarkAllReadAsync(Guid userId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET read_at = now() WHERE user_id = @userId AND read_at IS NULL", new { userId }, tx, cancellationToken: ct));
        if (changed > 0) await NotificationSignal.SendAsync(tx, [userId], ct);
        await tx.CommitAsync(ct);
        return changed;
    }
}
