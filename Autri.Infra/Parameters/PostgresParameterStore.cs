namespace Autri.Infra.Parameters;

/// <summary>
/// The parameter store on Postgres (table parameter_versions), with SSM's semantics: each write adds a version
/// (writers of one name are serialized by a transaction-scoped advisory lock, so concurrent writers get distinct
/// versions and none is lost), the latest 100 versions are kept, the same name/value rules and error codes.
/// SecureString values are stored as given (this is the local stand-in, not a vault) and masked in listings.
/// </summary>
public sealed class PostgresParameterStore(NpgsqlDataSource db, string actor = "local", TimeProvider? time = null) : IParameterStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<Parameter> GetAsync(string name, CancellationToken ct = default) => Guard(() => GetAsyncCore(name, ct));

    public Task<long> PutAsync(PutParameter request, CancellationToken ct = default) => Guard(() => PutAsyncCore(request, ct));

    public Task<IReadOnlyList<ParameterVersion>> GetHistoryAsync(string name, CancellationToken ct = default) => Guard(() => GetHistoryAsyncCore(name, ct));

    public Task<ParameterPage> GetByPathAsync(string path, bool recursive, string? nextToken, CancellationToken ct = default) =>
        Guard(() => GetByPathAsyncCore(path, recursive, nextToken, ct));

    // Database failures join the port's vocabulary as SSM's server-side code; cancellation stays cancellation.
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (NpgsqlException e) when (e.InnerException is not OperationCanceledException)
        {
            throw new ParameterStoreException("InternalServerError", "The parameter database failed: " + e.Message, e);
        }
    }

    private async Task<Parameter> GetAsyncCore(string name, CancellationToken ct = default)
    {
        ParameterRules.CheckName(name);
        await using var cmd = db.CreateCommand("""
            SELECT name, type, value, version, modified_at FROM parameter_versions
            WHERE name = @name ORDER BY version DESC LIMIT 1
            """);
        cmd.Parameters.AddWithValue("name", name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw NotFound(name);
        return ReadParameter(r, mask: false);
    }

    private async Task<long> PutAsyncCore(PutParameter request, CancellationToken ct = default)
    {
        ParameterRules.CheckPut(request);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('parameter:' || @name, 0))", conn, tx))
        {
            lockCmd.Parameters.AddWithValue("name", request.Name);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        long latest = 0;
        string? description = null;
        await using (var read = new NpgsqlCommand("SELECT version, description FROM parameter_versions WHERE name = @name ORDER BY version DESC LIMIT 1", conn, tx))
        {
            read.Parameters.AddWithValue("name", request.Name);
            await using var r = await read.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                latest = r.GetInt64(0);
                description = r.IsDBNull(1) ? null : r.GetString(1);
            }
        }
        if (latest > 0 && !request.Overwrite)
            throw new ParameterStoreException("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
        var version = latest + 1;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO parameter_versions (name, version, type, value, description, modified_by, modified_at)
            VALUES (@name, @version, @type, @value, @description, @actor, @at)
            """, conn, tx))
        {
            insert.Parameters.AddWithValue("name", request.Name);
            insert.Parameters.AddWithValue("version", version);
            insert.Parameters.AddWithValue("type", request.Type.ToString());
            insert.Parameters.AddWithValue("value", request.Value);
            // Like SSM, an overwrite without a description keeps the one before.
            insert.Parameters.AddWithValue("description", (object?)(request.Description ?? description) ?? DBNull.Value);
            insert.Parameters.AddWithValue("actor", actor);
            insert.Parameters.AddWithValue("at", _time.GetUtcNow());
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using (var trim = new NpgsqlCommand("DELETE FROM parameter_versions WHERE name = @name AND version <= @oldest", conn, tx))
        {
            trim.Parameters.AddWithValue("name", request.Name);
            trim.Parameters.AddWithValue("oldest", version - ParameterRules.MaxVersions);
            await trim.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return version;
    }

    private async Task<IReadOnlyList<ParameterVersion>> GetHistoryAsyncCore(string name, CancellationToken ct = default)
    {
        ParameterRules.CheckName(name);
        await using var cmd = db.CreateCommand("""
            SELECT name, type, value, version, modified_at, modified_by, description FROM parameter_versions
            WHERE name = @name ORDER BY version
            """);
        cmd.Parameters.AddWithValue("name", name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var versions = new List<ParameterVersion>();
        while (await r.ReadAsync(ct))
        {
            var p = ReadParameter(r, mask: true);
            versions.Add(new ParameterVersion(p.Name, p.Type, p.Value, p.Version, p.LastModified,
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
        }
        if (versions.Count == 0) throw NotFound(name);
        return versions;
    }

    private async Task<ParameterPage> GetByPathAsyncCore(string path, bool recursive, string? nextToken, CancellationToken ct = default)
    {
        ParameterRules.CheckPath(path);
        var prefix = path.EndsWith('/') ? path : path + "/";
        var after = ReadToken(nextToken, prefix, recursive);
        // Keyset pagination by name; one row more than a page tells whether another page follows.
        await using var cmd = db.CreateCommand("""
            SELECT DISTINCT ON (name COLLATE "C") name, type, value, version, modified_at FROM parameter_versions
            WHERE starts_with(name, @prefix) AND (@recursive OR strpos(substr(name, length(@prefix) + 1), '/') = 0)
              AND name COLLATE "C" > @after
            ORDER BY name COLLATE "C", version DESC
            LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("prefix", prefix);
        cmd.Parameters.AddWithValue("recursive", recursive);
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("limit", ParameterRules.PageSize + 1);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var page = new List<Parameter>();
        while (await r.ReadAsync(ct)) page.Add(ReadParameter(r, mask: true));
        string? next = null;
        if (page.Count > ParameterRules.PageSize)
        {
            page.RemoveAt(page.Count - 1);
            next = Token(page[^1].Name, prefix, recursive);
        }
        return new ParameterPage(page, next);
    }

    private static Parameter ReadParameter(NpgsqlDataReader r, bool mask)
    {
        var type = ParameterRules.ParseType(r.GetString(1));
        var value = mask && type == ParameterType.SecureString ? ParameterRules.MaskedValue : r.GetString(2);
        return new Parameter(r.GetString(0), type, value, r.GetInt64(3), r.GetFieldValue<DateTimeOffset>(4));
    }

    private static string Token(string lastName, string prefix, bool recursive) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{prefix}\n{recursive}\n{lastName}"));

    private static string ReadToken(string? token, string prefix, bool recursive)
    {
        if (token is null) return "";
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n', 3);
            if (parts.Length == 3 && parts[0] == prefix && parts[1] == recursive.ToString()) return parts[2];
        }
        catch (FormatException) { }
        throw new ParameterStoreException("InvalidNextToken", "The specified token is not valid.");
    }

    private static ParameterStoreException NotFound(string name) => new("ParameterNotFound", $"Parameter {name} not found.");
}
