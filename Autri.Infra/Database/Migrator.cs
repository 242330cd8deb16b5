using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Autri.Infra.Database;

/// <summary>
/// Applies the embedded SQL migrations in name order, each in its own transaction, under a Postgres
/// advisory lock so several instances starting together apply each file once. Applied files are
/// recorded with a SHA-256 checksum; an applied file whose text changed is an error, not a silent skip.
/// </summary>
/// <remarks>
/// Pending means "embedded in this build and not applied": migrations a newer build applied are not this build's
/// concern, so tasks of the previous release stay ready while a new release migrates (infra-cdk/README.md,
/// "Deploys and migrations").
/// </remarks>
public sealed class Migrator(NpgsqlDataSource db, IReadOnlyList<Migration> migrations)
{
    private const long LockKey = 0x417574726931; // "Autri1"

    /// <summary>The app's migrator: the migrations embedded in this build.</summary>
    public Migrator(NpgsqlDataSource db) : this(db, Embedded)
    {
    }

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await Exec(conn, "SELECT pg_advisory_lock(@k)", ct, ("k", LockKey));
        try
        {
            await Exec(conn, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = await ReadApplied(conn, ct);
            var done = new List<string>();
            foreach (var m in migrations)
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
            await Exec(conn, "SELECT pg_advisory_unlock(@k)", CancellationToken.None, ("k", LockKey));
        }
    }

    /// <summary>Names of embedded migrations not yet applied (for /readyz); throws if the database is unreachable.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", conn);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return migrations.Select(m => m.Name).ToList();
        var applied = await ReadApplied(conn, ct);
        return migrations.Where(m => !applied.ContainsKey(m.Name)).Select(m => m.Name).ToList();
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

    private static List<Migration> LoadEmbedded()
    {
        var asm = typeof(Migrator).Assembly;
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Migration.From(n["migrations/".Length..], Read(asm, n)))
            .ToList();
    }

    private static string Read(Assembly asm, string resource)
    {
        using var s = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(s, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public sealed record Migration(string Name, string Sql, string Checksum)
{
    public static Migration From(string name, string sql) =>
        new(name, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n")))));
}
