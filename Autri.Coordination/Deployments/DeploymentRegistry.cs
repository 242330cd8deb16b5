namespace Autri.Coordination.Deployments;

/// <summary>A deployment the vendor has issued a licence to.</summary>
public sealed record RegisteredDeployment(Guid Id, string CustomerId, string Label, DateTimeOffset LicenceExpiresAt, int GraceDays);

/// <summary>
/// The deployments and their credentials: registered or renewed when a licence is issued, a credential rotated on
/// demand, and a presented credential checked on every agent request.
/// </summary>
public sealed class DeploymentRegistry(NpgsqlDataSource db)
{
    /// <summary>A new deployment with its first credential (returned once).</summary>
    public async Task<string> RegisterAsync(RegisteredDeployment deployment, CancellationToken ct = default)
    {
        var credential = DeploymentCredential.New();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO deployments (id, customer_id, label, licence_expires_at, licence_grace_days, credential_hash)
            VALUES (@Id, @CustomerId, @Label, @LicenceExpiresAt, @GraceDays, @hash)
            """, new { deployment.Id, deployment.CustomerId, deployment.Label, deployment.LicenceExpiresAt, deployment.GraceDays, hash = DeploymentCredential.Hash(credential) },
            cancellationToken: ct));
        return credential;
    }

    public async Task<RegisteredDeployment?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(Guid Id, string CustomerId, string Label, DateTime ExpiresAt, int GraceDays)>(new CommandDefinition(
            "SELECT id, customer_id, label, licence_expires_at, licence_grace_days FROM deployments WHERE id = @id", new { id }, cancellationToken: ct));
        return row.Id == Guid.Empty ? null
            : new RegisteredDeployment(row.Id, row.CustomerId, row.Label, new DateTimeOffset(row.ExpiresAt, TimeSpan.Zero), row.GraceDays);
    }

    /// <summary>A renewed licence: the new expiry and grace period; the credential stays.</summary>
    public async Task<bool> RenewAsync(Guid id, DateTimeOffset expiresAt, int graceDays, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE deployments SET licence_expires_at = @expiresAt, licence_grace_days = @graceDays WHERE id = @id",
            new { id, expiresAt, graceDays }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// A new credential (returned once, null for an unknown deployment). The current one becomes the previous one and
    /// keeps working until the agent first uses the new one, so the operator can update the secret without a gap.
    /// </summary>
    public async Task<string?> RotateAsync(Guid id, CancellationToken ct = default)
    {
        var credential = DeploymentCredential.New();
        await using var conn = await db.OpenConnectionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE deployments SET previous_credential_hash = credential_hash, credential_hash = @hash WHERE id = @id
            """, new { id, hash = DeploymentCredential.Hash(credential) }, cancellationToken: ct));
        return changed == 1 ? credential : null;
    }

    /// <summary>Whether <paramref name="credential"/> is this deployment's; the first use of a new credential retires the previous one.</summary>
    public async Task<bool> VerifyAsync(Guid id, string credential, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(byte[] Current, byte[]? Previous)>(new CommandDefinition(
            "SELECT credential_hash, previous_credential_hash FROM deployments WHERE id = @id", new { id }, cancellationToken: ct));
        if (row.Current is null) return false;
        if (DeploymentCredential.Matches(credential, row.Current))
        {
            if (row.Previous is not null)
                await conn.ExecuteAsync(new CommandDefinition(
                    "UPDATE deployments SET previous_credential_hash = NULL WHERE id = @id", new { id }, cancellationToken: ct));
            return true;
        }
        return DeploymentCredential.Matches(credential, row.Previous);
    }
}
