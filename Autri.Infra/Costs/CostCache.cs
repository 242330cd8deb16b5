namespace Autri.Infra.Costs;

/// <summary>
/// Cost Explorer and Budgets answers cached in Postgres (table cost_cache): shared by every portal instance and
/// surviving restarts, because each Cost Explorer request costs USD 0.01. Reads within the TTL never call AWS.
/// A miss takes a Postgres advisory lock for the key and looks again, so instances missing together make one
/// call. A failed fetch keeps the last good value and records the error, shown with the value.
/// </summary>
public sealed class CostCache(NpgsqlDataSource db, IOptions<CostsOptions> options, TimeProvider time, ILogger<CostCache> log)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public CachePolicy Policy => options.Value.Policy;

    /// <summary>The cached value, fetched with <paramref name="fetch"/> only when the policy says the cache cannot answer.</summary>
    public async Task<Cached<T>> GetAsync<T>(CacheKey key, Func<CancellationToken, Task<T>> fetch, CancellationToken ct) where T : class
    {
        var row = await ReadAsync(key, ct);
        if (!Policy.MustFetch(row?.FetchedAt, row?.LastErrorAt, time.GetUtcNow())) return ToCached<T>(row, fetchedNow: false);

        return await UnderLockAsync(key, async conn =>
        {
            // Another instance may have fetched while this one waited for the lock.
            var again = await ReadAsync(conn, key, ct);
            if (!Policy.MustFetch(again?.FetchedAt, again?.LastErrorAt, time.GetUtcNow())) return ToCached<T>(again, fetchedNow: false);
            return await FetchAndStoreAsync(conn, key, again, fetch, ct);
        }, ct);
    }

    /// <summary>An admin's refresh: fetches now unless the view was fetched or tried within the minimum interval.</summary>
    public async Task<RefreshResult<T>> RefreshAsync<T>(CacheKey key, Func<CancellationToken, Task<T>> fetch, CancellationToken ct) where T : class
    {
        return await UnderLockAsync(key, async conn =>
        {
            var row = await ReadAsync(conn, key, ct);
            if (!Policy.CanRefreshManually(row?.FetchedAt, row?.LastErrorAt, time.GetUtcNow()))
                return new RefreshResult<T>(RefreshOutcome.TooSoon, ToCached<T>(row, false), Policy.NextManualRefresh(row?.FetchedAt, row?.LastErrorAt));
            var result = await FetchAndStoreAsync(conn, key, row, fetch, ct);
            var outcome = result.FetchedNow ? RefreshOutcome.Refreshed : RefreshOutcome.Failed;
            return new RefreshResult<T>(outcome, result, Policy.NextManualRefresh(result.FetchedAt, result.Error?.At));
        }, ct);
    }

    private async Task<Cached<T>> FetchAndStoreAsync<T>(NpgsqlConnection conn, CacheKey key, Row? previous, Func<CancellationToken, Task<T>> fetch, CancellationToken ct)
        where T : class
    {
        T value;
        try
        {
            value = await fetch(ct);
        }
        catch (AwsServiceException ex)
        {
            var at = Now();
            log.LogWarning(new EventId(70, "cost_fetch_failed"), "Fetching {view} failed with {code} (request id {requestId}); serving the last good data from {fetchedAt}",
                key.View, ex.ErrorCode, ex.RequestId, previous?.FetchedAt);
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO cost_cache (key, view_name, parameters, last_error_code, last_error, last_error_at)
                VALUES (@Key, @View, @ParametersJson::jsonb, @code, @message, @at)
                ON CONFLICT (key) DO UPDATE SET last_error_code = excluded.last_error_code, last_error = excluded.last_error, last_error_at = excluded.last_error_at
                """, new { key.Key, key.View, key.ParametersJson, code = ex.ErrorCode, message = ex.Message, at }, cancellationToken: ct));
            return ToCached<T>(previous, false) with { Error = new CacheError(ex.ErrorCode, ex.Message, at) };
        }

        var fetchedAt = Now();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO cost_cache (key, view_name, parameters, payload, fetched_at)
            VALUES (@Key, @View, @ParametersJson::jsonb, @payload::jsonb, @fetchedAt)
            ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, fetched_at = excluded.fetched_at,
                last_error_code = NULL, last_error = NULL, last_error_at = NULL
            """, new { key.Key, key.View, key.ParametersJson, payload = JsonSerializer.Serialize(value, Json), fetchedAt }, cancellationToken: ct));
        // Entries of past days are never read again (the key holds the dates).
        await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM cost_cache WHERE view_name = @View AND key <> @Key AND coalesce(fetched_at, last_error_at) < @before",
            new { key.View, key.Key, before = fetchedAt.AddDays(-7) }, cancellationToken: ct));
        log.LogInformation(new EventId(71, "cost_fetched"), "Fetched {view} from AWS", key.View);
        return new Cached<T>(value, fetchedAt, null, true);
    }

    private async Task<TResult> UnderLockAsync<TResult>(CacheKey key, Func<NpgsqlConnection, Task<TResult>> work, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@id)", new { id = key.LockId }, cancellationToken: ct));
        try
        {
            return await work(conn);
        }
        finally
        {
            // A broken connection has released the lock already (it is held by the session).
            if (conn.State == System.Data.ConnectionState.Open)
                await conn.ExecuteAsync("SELECT pg_advisory_unlock(@id)", new { id = key.LockId });
        }
    }

    private async Task<Row?> ReadAsync(CacheKey key, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await ReadAsync(conn, key, ct);
    }

    private static Task<Row?> ReadAsync(NpgsqlConnection conn, CacheKey key, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT payload::text AS Payload, fetched_at AS FetchedAtUtc, last_error_code AS LastErrorCode, last_error AS LastError, last_error_at AS LastErrorAtUtc
            FROM cost_cache WHERE key = @Key
            """, new { key.Key }, cancellationToken: ct));

    private static Cached<T> ToCached<T>(Row? row, bool fetchedNow) where T : class
    {
        if (row is null) return Cached<T>.Nothing;
        var value = row.Payload is null ? null : JsonSerializer.Deserialize<T>(row.Payload, Json);
        var error = row.LastErrorAt is { } at ? new CacheError(row.LastErrorCode ?? "Unknown", row.LastError ?? "", at) : null;
        return new Cached<T>(value, row.FetchedAt, error, fetchedNow);
    }

    /// <summary>Postgres keeps microseconds: what is returned now must equal what is read back later.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
    }

    private sealed record Row(string? Payload, DateTime? FetchedAtUtc, string? LastErrorCode, string? LastError, DateTime? LastErrorAtUtc)
    {
        public DateTimeOffset? FetchedAt => FetchedAtUtc is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc)) : null;

        public DateTimeOffset? LastErrorAt => LastErrorAtUtc is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null;
    }
}
