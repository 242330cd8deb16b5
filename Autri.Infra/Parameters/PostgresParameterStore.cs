using Autri.Domain.Parameters;
using Npgsql;

namespace Autri.Infra.Parameters;

/// <summary>The local parameter store: SSM's semantics over the parameter_versions table.</summary>
public sealed class PostgresParameterStore(NpgsqlDataSource db, string actor = "local") : IParameterStore
{
    private const int MaxValueLength = 4096;
    private const int MaxVersions = 100;

    public async Task<Parameter> GetAsync(string name, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT name, type, value, version, modified_at FROM parameter_versions
            WHERE name = @n ORDER BY version DESC LIMIT 1
            """);
        cmd.Parameters.AddWithValue("n", name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new ParameterStoreException("ParameterNotFound", $"Parameter {name} not found.");
        return new Parameter(r.GetString(0), Enum.Parse<ParameterType>(r.GetString(1)), r.GetString(2), r.GetInt64(3), r.GetFieldValue<DateTimeOffset>(4));
    }

    public async Task<long> PutAsync(PutParameter request, CancellationToken ct = default)
    {
        if (request.Value.Length > MaxValueLength)
            throw new ParameterStoreException("ValidationException", $"Standard tier parameters support a maximum parameter value of {MaxValueLength} characters.");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('param:' || @n))", conn, tx))
        {
            lockCmd.Parameters.AddWithValue("n", request.Name);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        long current;
        await using (var cur = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM parameter_versions WHERE name = @n", conn, tx))
        {
            cur.Parameters.AddWithValue("n", request.Name);
            current = (long)(await cur.ExecuteScalarAsync(ct))!;
        }
        if (current > 0 && !request.Overwrite)
            throw new ParameterStoreException("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
        if (current >= MaxVersions)
            throw new ParameterStoreException("ParameterMaxVersionLimitExceeded", $"Parameter {request.Name} has reached the limit of {MaxVersions} versions.");
        await using (var ins = new NpgsqlCommand("""
            INSERT INTO parameter_versions (name, version, type, value, description, modified_by)
            VALUES (@n, @v, @t, @val, @d, @by)
            """, conn, tx))
        {
            ins.Parameters.AddWithValue("n", request.Name);
            ins.Parameters.AddWithValue("v", current + 1);
            ins.Parameters.AddWithValue("t", request.Type.ToString());
            ins.Parameters.AddWithValue("val", request.Value);
            ins.Parameters.AddWithValue("d", (object?)request.Description ?? DBNull.Value);
            ins.Parameters.AddWithValue("by", actor);
            await ins.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return current + 1;
    }

    public async Task<IReadOnlyList<ParameterVersion>> GetHistoryAsync(string name, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT name, type, value, version, modified_at, modified_by, description FROM parameter_versions
            WHERE name = @n ORDER BY version
            """);
        cmd.Parameters.AddWithValue("n", name);
        var result = new List<ParameterVersion>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            result.Add(new ParameterVersion(r.GetString(0), Enum.Parse<ParameterType>(r.GetString(1)), r.GetString(2), r.GetInt64(3),
                r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
        }
        if (result.Count == 0) throw new ParameterStoreException("ParameterNotFound", $"Parameter {name} not found.");
        return result;
    }

    public async Task<ParameterPage> GetByPathAsync(string path, bool recursive, string? nextToken, CancellationToken ct = default)
    {
        const int pageSize = 10;
        var prefix = path.EndsWith('/') ? path : path + "/";
        var offset = int.TryParse(nextToken, out var o) ? o : 0;
        await using var cmd = db.CreateCommand("""
            SELECT DISTINCT ON (name) name, type, value, version, modified_at FROM parameter_versions
            WHERE starts_with(name, @p) AND (@rec OR position('/' in substr(name, length(@p) + 1)) = 0)
            ORDER BY name, version DESC OFFSET @o LIMIT @l
            """);
        cmd.Parameters.AddWithValue("p", prefix);
        cmd.Parameters.AddWithValue("rec", recursive);
        cmd.Parameters.AddWithValue("o", offset);
        cmd.Parameters.AddWithValue("l", pageSize + 1);
        var items = new List<Parameter>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var type = Enum.Parse<ParameterType>(r.GetString(1));
            // Never hand out SecureString values from a listing: the portal only shows that they exist.
            var value = type == ParameterType.SecureString ? "" : r.GetString(2);
            items.Add(new Parameter(r.GetString(0), type, value, r.GetInt64(3), r.GetFieldValue<DateTimeOffset>(4)));
        }
        var more = items.Count > pageSize;
        return new ParameterPage(items.Take(pageSize).ToList(), more ? (offset + pageSize).ToString() : null);
    }
}
