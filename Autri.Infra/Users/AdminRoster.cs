namespace Autri.Infra.Users;

/// <summary>
/// Remembers, at each sign-in, whether the person is in the admin group (which the identity provider owns), so work
/// done outside their requests can reach the deployment's admins (a release notice).
/// </summary>
public sealed class AdminRoster(NpgsqlDataSource db)
{
    public async Task RecordAsync(Guid userId, bool isAdmin, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET is_admin = @isAdmin WHERE id = @userId AND is_admin <> @isAdmin", new { userId, isAdmin }, cancellationToken: ct));
    }
}
