namespace Autri.Infra.Database;

/// <summary>
/// Applies a database's embedded SQL migrations (<see cref="MigrationSet"/>; the product's unless told otherwise) in
/// name order, each in its own transaction, under a Postgres advisory lock so several instances starting together
/// apply each file once. Applied files are recorded with a SHA-256 checksum; an applied file whose text changed is an
/// error, not a silent skip.
/// </summary>
/// <remarks>
/// Pending means "embedded in this build and not applied": migrations a newer build applied are not this build's
/// concern, so tasks of the previous release stay ready while a new release migrates (infra-cdk/README.md,
/// "Deploys and migrations").
/// </remarks>
public sealed class Migrator(NpgsqlDataSource db, MigrationSet set)
{
    /// <summary>The product database's migrations (Autri.Infra/Database/Migrations).</summary>
    public Migrator(NpgsqlDataSource db) : this(db, MigrationSet.Product)
    {
    }

    /// <summary>The product database's migrations.</summary>
    public static IReadOnlyList<Migration> Embedded => MigrationSet.Product.Migrations;

    private IReadOnlyList<Migration> Migrations => set.Migrations;

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await Exec(conn, "SELECT pg_advisory_lock(@k)", ct, ("k", set.LockKey));
        try
        {
            await Exec(conn, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = await ReadApplied(conn, ct);
            var done = new List<string>();
            foreach (var m in Migrations)
            {
                if (applied.TryGetValue(m.Name, out var sum))
                {
                    if (sum != m.Checksum)
                        throw new InvalidOperationException($"Migration {m.Name} was edited after it was applied (checksum {sum} in the database, {m.Checksum} in the build). Add a new migration instead.");
                    continue;
                }
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(m.Sql, conn, tx)) await cmd.ExecuteNonQueryAsync(ct);
                await using (var rec = new NpgsqlCommand("INSERT INTO schema_migrations (name, checksum) VALUES (@n, @c)", conn, tx))
                {
                    rec.Parameters.AddWithValue("n", m.Name);
                    rec.Parameters.AddWithValue("c", m.Checksum);
                    await rec.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                done.Add(m.Name);
            }
            return done;
        }
        finally
        {
            await Exec(conn, "SELECT pg_advisory_unlock(@k)", CancellationToken.None, ("k", set.LockKey));
        }
    }

    /// <summary>Names of embedded migrations not yet applied (for /readyz); throws if the database is unreachable.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", conn);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return Migrations.Select(m => m.Name).ToList();
        var applied = await ReadApplied(conn, ct);
        return Migrations.Where(m => !applied.ContainsKey(m.Name)).Select(m => m.Name).ToList();
    }

    /// <summary>The migration applied last and when (null before the first), for the agent's heartbeat.</summary>
    public async Task<AppliedMigration?> LastAppliedAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT name, applied_at FROM schema_migrations ORDER BY name DESC LIMIT 1
            """, conn);
        try
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            return await r.ReadAsync(ct) ? new AppliedMigration(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)) : null;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    private static async Task<Dictionary<string, string>> ReadApplied(NpgsqlConnection conn, CancellationToken ct)
    {
        var result = new Dictionary<string, string>();
        await using var cmd = new NpgsqlCommand("SELECT name, checksum FROM schema_migrations", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result[r.GetString(0)] = r.GetString(1);
        return result;
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct, params (string, object)[] ps)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (n, v) in ps) cmd.Parameters.AddWithValue(n, v);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

public sealed record Migration(string Name, string Sql, string Checksum)
{
    public static Migration From(string name, string sql) =>
        new(name, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n")))));
}

/// <summary>One applied migration: its file name and when it was applied.</summary>
public sealed record AppliedMigration(string Name, DateTimeOffset AppliedAt);
