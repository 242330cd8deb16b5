namespace Autri.Infra.Users;

/// <param name="Suspended">No longer admitted by the allowlist (not on it, not an admin): their connectors are suspended.</param>
public sealed record UserSummary(Guid Id, string Email, string DisplayName, string Orgs, DateTime CreatedAt, DateTime? LastSignInAt, bool Suspended);

/// <summary>The admin's view of who has an account.</summary>
public sealed class UserDirectory(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<UserSummary>(new CommandDefinition("""
            SELECT u.id, u.email, u.display_name AS DisplayName,
                   coalesce(string_agg(o.name, ', ' ORDER BY o.name), '') AS Orgs,
                   u.created_at AS CreatedAt, u.last_sign_in_at AS LastSignInAt,
                   EXISTS (SELECT 1 FROM suspended_owners s WHERE s.user_id = u.id) AS Suspended
            FROM users u
            LEFT JOIN org_members m ON m.user_id = u.id
            LEFT JOIN orgs o ON o.id = m.org_id
            GROUP BY u.id
            ORDER BY u.last_sign_in_at DESC NULLS LAST, u.email
            """, cancellationToken: ct));
        return rows.AsList();
    }
}
