namespace Autri.Infra.Allowlist;

/// <summary>What one mirroring did: whether it applied (not older than the last), and how many owners it suspended and reinstated.</summary>
public sealed record MirrorResult(bool Applied, int Suspended, int Reinstated)
{
    public static readonly MirrorResult Skipped = new(false, 0, 0);
}

/// <summary>The parameter version the suspensions reflect, and when they were last computed.</summary>
public sealed record MirrorState(long Version, DateTimeOffset LastModified, DateTimeOffset MirroredAt);

/// <summary>
/// Mirrors the allowlist's effect into Postgres: the owners it no longer admits (<see cref="BetaAllowlist.Admits"/>: not on
/// the list and not an admin, as <c>users.is_admin</c> recorded at their last sign-in) get a suspended_owners row, and
/// the others lose theirs. The MCP server, the API-key verifier, the pre-token trigger and the token endpoint read it
/// through the one connector-liveness rule. Nothing else is touched, so re-inviting restores every connector.
/// <para>
/// SSM stays the source of truth: the editor mirrors after each save and <see cref="AllowlistMirrorRefresher"/> reads the
/// parameter again every half minute on each portal instance. Each mirroring runs in one transaction under an advisory
/// lock and is skipped when its read is older than the version already mirrored (a lower version not modified later:
/// a parameter deleted and created again starts its versions at 1, later), so a slow instance cannot undo a newer save.
/// </para>
/// </summary>
/// <param name="audit">When given, each re-read also records a settled version no save row accounts for (see
/// <see cref="AllowlistAudit.RecordIfUnauditedAsync"/>); <paramref name="unauditedAfter"/> is that settle time.</param>
public sealed class AllowlistMirror(NpgsqlDataSource db, IParameterStore store, string parameterName, ILogger<AllowlistMirror> log,
    AllowlistAudit? audit = null, TimeSpan? unauditedAfter = null)
{
    /// <summary>Longer than any save takes between its write and its audit row.</summary>
    public static readonly TimeSpan DefaultUnauditedAfter = TimeSpan.FromMinutes(2);

    private static readonly EventId Unaudited = new(43, "allowlist_unaudited_version");

    private static readonly EventId Mirrored = new(40, "allowlist_mirrored");
    private static readonly EventId Missing = new(41, "allowlist_mirror_skipped");

    /// <summary>Reads the parameter now (no cache) and mirrors it; null when the parameter does not exist (then nothing changes).</summary>
    /// <exception cref="ParameterStoreException">The store failed.</exception>
    public async Task<MirrorResult?> RefreshAsync(CancellationToken ct = default)
    {
        Parameter parameter;
        try
        {
            parameter = await store.GetAsync(parameterName, ct);
        }
        catch (ParameterStoreException e) when (e.IsNotFound)
        {
            // The sign-in gate admits nobody but admins then; suspending everyone else's connectors on a deleted parameter
            // would turn one mistaken delete into an outage, and the allowlist page offers to create it again.
            log.LogWarning(Missing, "Allowlist parameter {parameter} does not exist: connector suspensions left as they are", parameterName);
            return null;
        }
        var result = await ApplyAsync(BetaAllowlist.FromParameterValue(parameter.Value), parameter.Version, parameter.LastModified, ct);
        if (audit is not null && await audit.RecordIfUnauditedAsync(parameter, unauditedAfter ?? DefaultUnauditedAfter, ct))
            log.LogWarning(Unaudited, "Allowlist version {version} has no allowlist.save row (a save interrupted, or an edit outside the portal): recorded as {action}",
                parameter.Version, AllowlistAudit.UnauditedAction);
        return result;
    }

    public async Task<MirrorResult> ApplyAsync(BetaAllowlist list, long version, DateTimeOffset lastModified, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended('autri.allowlist-mirror', 0))", transaction: tx, cancellationToken: ct));
        var mirrored = await StateAsync(conn, tx, ct);
        if (mirrored is not null && version < mirrored.Version && lastModified <= mirrored.LastModified) return MirrorResult.Skipped;

        var users = await conn.QueryAsync<(Guid Id, string Email, bool IsAdmin)>(new CommandDefinition(
            "SELECT id, email, is_admin FROM users", transaction: tx, cancellationToken: ct));
        var suspended = users.Where(u => !list.Admits(u.Email, u.IsAdmin)).Select(u => u.Id).ToArray();
        var reinstated = await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM suspended_owners WHERE user_id <> ALL(@suspended)", new { suspended }, tx, cancellationToken: ct));
        var added = await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO suspended_owners (user_id) SELECT unnest(@suspended) ON CONFLICT DO NOTHING", new { suspended }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO allowlist_mirror (version, last_modified, mirrored_at) VALUES (@version, @lastModified, now())
            ON CONFLICT (singleton) DO UPDATE SET version = excluded.version, last_modified = excluded.last_modified, mirrored_at = excluded.mirrored_at
            """, new { version, lastModified }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);

        if (added > 0 || reinstated > 0)
            log.LogInformation(Mirrored, "Allowlist version {version} mirrored: {suspended} owner(s) suspended, {reinstated} reinstated, {total} suspended in all",
                version, added, reinstated, suspended.Length);
        return new MirrorResult(true, added, reinstated);
    }

    /// <summary>What is mirrored now; null before the first mirroring.</summary>
    public async Task<MirrorState?> StateAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await StateAsync(conn, null, ct);
    }

    private static async Task<MirrorState?> StateAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<StateRow>(new CommandDefinition(
            "SELECT version AS Version, last_modified AS LastModified, mirrored_at AS MirroredAt FROM allowlist_mirror", transaction: tx, cancellationToken: ct));
        return row is null ? null : new MirrorState(row.Version, Utc(row.LastModified), Utc(row.MirroredAt));
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private sealed class StateRow
    {
        public long Version { get; init; }
        public DateTime LastModified { get; init; }
        public DateTime MirroredAt { get; init; }
    }
}
