namespace Autri.Infra.Licensing;

/// <summary>
/// The portal's view of the deployment's licence. The agent hands the vendor-signed document over (it holds the
/// licence in its configuration); the portal stores it and verifies it itself with the shipped public key on every
/// read, so what admins see never rests on the agent's word, and the standing moves with the clock even if the agent
/// stops. The verified result is cached for 30 seconds per instance; an installation clears the cache.
/// </summary>
public sealed class InstalledLicence(NpgsqlDataSource db, VendorPublicKey vendor, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private (LicenceCheck? Check, DateTimeOffset Until) _cached;

    /// <summary>Verifies and installs a licence document; nothing is stored when it does not verify.</summary>
    public async Task<LicenceCheck> InstallAsync(string document, CancellationToken ct)
    {
        var check = await LicenceDocument.VerifyAsync(document, vendor.Key);
        if (!check.IsValid) return check;
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO deployment_licence (singleton, document) VALUES (true, @document)
            ON CONFLICT (singleton) DO UPDATE SET document = excluded.document, received_at = now()
            WHERE deployment_licence.document <> excluded.document
            """, new { document = document.Trim() }, cancellationToken: ct));
        Invalidate();
        return check;
    }

    /// <summary>Forgets the cached result, so the next read verifies the stored document again.</summary>
    public void Invalidate() => _cached = default;

    /// <summary>
    /// The licence's standing now: none when no licence was ever installed (a deployment Autri runs, or a local one).
    /// When the database cannot be read the answer is also none: an outage must not lock admins out.
    /// </summary>
    public async Task<LicenceStatus> StatusAsync(CancellationToken ct)
    {
        LicenceCheck? check;
        try
        {
            check = await CheckAsync(ct);
        }
        catch (Exception ex) when (DatabaseErrors.IsDatabaseError(ex))
        {
            return LicenceStatus.None;
        }
        return check switch
        {
            null => LicenceStatus.None,
            { Claims: { } claims } => LicenceRule.Evaluate(claims, clock.GetUtcNow()),
            _ => LicenceRule.Refused(check.Problem!),
        };
    }

    private async Task<LicenceCheck?> CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cached = _cached;
        if (cached.Until > now) return cached.Check;
        await using var conn = await db.OpenConnectionAsync(ct);
        var document = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document FROM deployment_licence", cancellationToken: ct));
        var check = document is null ? null : await LicenceDocument.VerifyAsync(document, vendor.Key);
        _cached = (check, now + CacheFor);
        return check;
    }
}
