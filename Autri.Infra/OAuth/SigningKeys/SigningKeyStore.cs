namespace Autri.Infra.OAuth.SigningKeys;

/// <summary>The keys the authorization server signs with (<see cref="Active"/>) and publishes in its JWKS (<see cref="Published"/>, active first).</summary>
public sealed record SigningKeySet(RsaSecurityKey Active, IReadOnlyList<RsaSecurityKey> Published);

/// <summary>
/// RS256 signing keys in Postgres (<c>oauth_signing_keys</c>), private keys protected with Data Protection. Every
/// read happens under a transaction-scoped advisory lock and first applies the schedule: make the first key, or the
/// next one when rotation is due, and delete keys no token can need any more. So several instances starting at
/// once make exactly one key, and they all read the same set.
/// </summary>
public sealed class SigningKeyStore(NpgsqlDataSource db, IDataProtectionProvider protection, SigningKeySchedule schedule, TimeProvider clock, ILogger<SigningKeyStore> log)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Autri.OAuth.SigningKeys");

    public async Task<SigningKeySet> LoadAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended('autri.oauth.signing-keys', 0))", transaction: tx, cancellationToken: ct));
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, created_at AS CreatedAt, activates_at AS ActivatesAt, private_key_protected AS PrivateKeyProtected FROM oauth_signing_keys",
            transaction: tx, cancellationToken: ct))).ToList();
        var now = clock.GetUtcNow();

        foreach (var expired in schedule.Expired(rows.Select(r => r.Scheduled).ToList(), now))
        {
            await conn.ExecuteAsync(new CommandDefinition("DELETE FROM oauth_signing_keys WHERE id = @id", new { id = expired.Id }, tx, cancellationToken: ct));
            rows.RemoveAll(r => r.Id == expired.Id);
            log.LogInformation(new EventId(1, "oauth_signing_key_deleted"), "Deleted signing key {key_id}: every token it signed has expired", expired.Id);
        }
        if (schedule.NextKeyActivation(rows.Select(r => r.Scheduled).ToList(), now) is { } activatesAt)
        {
            using var rsa = RSA.Create(2048);
            var row = new Row { Id = Guid.CreateVersion7(), CreatedAt = now.UtcDateTime, ActivatesAt = activatesAt.UtcDateTime,
                PrivateKeyProtected = Convert.ToBase64String(_protector.Protect(rsa.ExportPkcs8PrivateKey())) };
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO oauth_signing_keys (id, created_at, activates_at, private_key_protected) VALUES (@Id, @CreatedAt, @ActivatesAt, @PrivateKeyProtected)",
                row, tx, cancellationToken: ct));
            rows.Add(row);
            log.LogInformation(new EventId(2, "oauth_signing_key_created"), "Created signing key {key_id}, signing from {activates_at:o}", row.Id, activatesAt);
        }
        await tx.CommitAsync(ct);

        var active = schedule.Active(rows.Select(r => r.Scheduled).ToList(), now)!;
        var keys = rows.OrderByDescending(r => r.Id == active.Id).ThenByDescending(r => r.ActivatesAt).Select(ToSecurityKey).ToList();
        return new SigningKeySet(keys[0], keys);
    }

    private RsaSecurityKey ToSecurityKey(Row row)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_protector.Unprotect(Convert.FromBase64String(row.PrivateKeyProtected)), out _);
        // The row id is the kid: stable across instances and restarts, and it names the row to look at.
        return new RsaSecurityKey(rsa) { KeyId = row.Id.ToString("N") };
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime ActivatesAt { get; init; }
        public string PrivateKeyProtected { get; init; } = "";

        public ScheduledKey Scheduled => new(Id, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(ActivatesAt, DateTimeKind.Utc)));
    }
}
