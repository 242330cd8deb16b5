namespace Autri.Infra.Users;

public sealed record UserSummary(Guid Id, string Email, string DisplayName, string Orgs, DateTime CreatedAt, DateTime? LastSignInAt);

/// <summary>The admin's view of who has an account.</summary>
public sealed class UserDirectory(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<UserSummary>(new CommandDefinition("""
            SELECT u.id, u.email, u.display_name AS DisplayName,
                   coalesce(string_agg(o.name, ', ' ORDER BY o.name), '') AS Orgs,
                   u.created_at AS CreatedAt, u.last_sign_in_at AS LastSignInAt
            FROM users u
            LEFT JOIN org_members m ON m.user_id = u.id
            LEFT JOIN orgs o ON o.id = m.org_id
            GROUP BY u.id
            ORDER BY u.last_sign_in_at DESC NULLS LAST, u.email
            """, cancellationToken: ct));
        return rows.AsList();
    }
}
