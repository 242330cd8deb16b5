namespace Autri.Infra.Logs.Runner;

/// <summary>
/// The <c>log_query_runs</c> table: every instance reads any run from here, and only the owner writes progress.
/// Two decisions are serialized with transaction-scoped advisory locks: "reuse or insert" per query hash (so two
/// instances asked the same question at once start one run) and "claim a slot" (so the cap is global).
/// </summary>
public sealed class LogRunStore(NpgsqlDataSource db)
{
    // Two-key advisory locks live apart from the migrator's single-key lock.
    private const int ReuseLockClass = 0x4C6F6773;   // "Logs"
    private const int SlotLockClass = 0x4C6F6774;
    private const string Final = "('Complete', 'Failed', 'Cancelled', 'Timeout')";
    private const string SlotHolding = "('Starting', 'Scheduled', 'Running')";

    private const string Columns = """
        id, query_hash, query, log_groups, range_start, range_end, saved_query, backend_query_id, status,
        waiting_for_aws, cancel_requested, statistics::text AS statistics, columns::text AS columns, row_count, error,
        started_by, created_at, finished_at
        """;

    /// <summary>
    /// The newest unfailed run with this hash created within <paramref name="reuseWindow"/>, or a new Queued run
    /// owned by <paramref name="owner"/>. Failed, cancelled and timed-out runs are never reused: asking again retries.
    /// </summary>
    public async Task<LogRunStart> StartOrReuseAsync(
        LogRunRequest request, string hash, string owner, TimeSpan reuseWindow, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@c, hashtext(@hash))",
            new { c = ReuseLockClass, hash }, tx, cancellationToken: ct));
        var existing = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM log_query_runs
            WHERE query_hash = @hash AND created_at > now() - @reuseWindow AND status NOT IN ('Failed', 'Cancelled', 'Timeout')
            ORDER BY created_at DESC LIMIT 1
            """, new { hash, reuseWindow }, tx, cancellationToken: ct));
        if (existing is not null)
        {
            await tx.CommitAsync(ct);
            return new LogRunStart(existing.ToRun(), Reused: true);
        }
        var inserted = await conn.QuerySingleAsync<Row>(new CommandDefinition($"""
            INSERT INTO log_query_runs (id, query_hash, query, log_groups, range_start, range_end, saved_query, status, owner, started_by)
            VALUES (@id, @hash, @query, @groups, @start, @end, @savedQuery, 'Queued', @owner,
                    (SELECT id FROM users WHERE id = @startedBy))
            RETURNING {Columns}
            """, new
        {
            id = Guid.CreateVersion7(),
            hash,
            query = request.Query,
            groups = request.LogGroups.ToArray(),
            start = request.Start.UtcDateTime,
            end = request.End.UtcDateTime,
            savedQuery = request.SavedQuery,
            owner,
            startedBy = request.StartedBy,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new LogRunStart(inserted.ToRun(), Reused: false);
    }

    /// <summary>
    /// Bytes scanned and time range covered, summed over the runs that completed within <paramref name="lookback"/>
    /// over exactly these log groups (in any order), and how many there were: what <see cref="ScanEstimate"/> rests on.
    /// </summary>
    public async Task<(double Bytes, TimeSpan Range, int Runs)> ScannedAsync(IReadOnlyList<string> logGroups, TimeSpan lookback, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleAsync<(double? Bytes, double? Seconds, int Runs)>(new CommandDefinition("""
            SELECT sum((statistics->>'bytesScanned')::float8), sum(extract(epoch FROM range_end - range_start))::float8, count(*)::int
            FROM log_query_runs
            WHERE status = 'Complete' AND finished_at > now() - @lookback
              AND (SELECT array_agg(g ORDER BY g) FROM unnest(log_groups) g) = @groups
            """, new { lookback, groups = logGroups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray() }, cancellationToken: ct));
        return (row.Bytes ?? 0, TimeSpan.FromSeconds(row.Seconds ?? 0), row.Runs);
    }

    public async Task<LogRun?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM log_query_runs WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToRun();
    }

    public async Task<LogRunResults?> GetResultsAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<RowWithResults>(new CommandDefinition(
            $"SELECT {Columns}, result_rows::text AS result_rows FROM log_query_runs WHERE id = @id", new { id }, cancellationToken: ct));
        if (row is null) return null;
        var rows = row.result_rows is null ? [] : JsonSerializer.Deserialize<List<List<string?>>>(row.result_rows)!;
        return new LogRunResults(row.ToRun(), rows);
    }

    /// <summary>Asks the owner to stop the run; false when there is no such run or it has already finished.</summary>
    public async Task<bool> RequestCancelAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            $"UPDATE log_query_runs SET cancel_requested = true WHERE id = @id AND status NOT IN {Final}",
            new { id }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Moves a Queued run to Starting when fewer than <paramref name="max"/> runs hold a slot. Runs whose owner
    /// went quiet for <paramref name="ownerTimeout"/> do not count: they are about to be failed.
    /// </summary>
    public async Task<bool> TryClaimSlotAsync(Guid id, int max, TimeSpan ownerTimeout, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@c, 0)", new { c = SlotLockClass }, tx, cancellationToken: ct));
        var holding = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM log_query_runs WHERE status IN {SlotHolding} AND heartbeat_at > now() - @ownerTimeout",
            new { ownerTimeout }, tx, cancellationToken: ct));
        var claimed = holding < max && await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE log_query_runs SET status = 'Starting', heartbeat_at = now() WHERE id = @id AND status = 'Queued'",
            new { id }, tx, cancellationToken: ct)) == 1;
        await tx.CommitAsync(ct);
        return claimed;
    }

    /// <summary>The owner is alive and the run still waits; says whether to go on, cancel or stop (already final).</summary>
    public Task<RunSignal> HeartbeatAsync(Guid id, bool? waitingForAws = null, CancellationToken ct = default) =>
        UpdateAsync(id, "waiting_for_aws = coalesce(@waitingForAws, waiting_for_aws)", new { id, waitingForAws }, ct);

    public Task<RunSignal> MarkStartedAsync(Guid id, string backendQueryId, CancellationToken ct = default) =>
        UpdateAsync(id, "status = 'Scheduled', waiting_for_aws = false, backend_query_id = @backendQueryId", new { id, backendQueryId }, ct);

    /// <summary>A poll's status and statistics; says whether to go on, cancel or stop (already final).</summary>
    public Task<RunSignal> ReportProgressAsync(Guid id, LogRunStatus status, LogsQueryStatistics statistics, CancellationToken ct = default) =>
        UpdateAsync(id, "status = @status, statistics = @statistics::jsonb",
            new { id, status = status.ToString(), statistics = StatisticsJson(statistics) }, ct);

    /// <summary>One instance vouches for every unfinished run it owns (see <see cref="FailAbandonedAsync"/>).</summary>
    public async Task<int> HeartbeatOwnerAsync(string owner, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            $"UPDATE log_query_runs SET heartbeat_at = now() WHERE owner = @owner AND status NOT IN {Final}", new { owner }, cancellationToken: ct));
    }

    /// <summary>Records the final status once; a run another instance already failed stays as it is.</summary>
    public async Task FinishAsync(
        Guid id, LogRunStatus status, LogsQueryStatistics? statistics, IReadOnlyList<string>? columns,
        IReadOnlyList<IReadOnlyList<string?>>? rows, string? error, CancellationToken ct = default)
    {
        if (!status.IsFinal()) throw new ArgumentException("not a final status: " + status, nameof(status));
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition($"""
            UPDATE log_query_runs SET status = @status, statistics = coalesce(@statistics::jsonb, statistics),
                columns = @columns::jsonb, result_rows = @rows::jsonb, row_count = @rowCount, error = @error,
                waiting_for_aws = false, heartbeat_at = now(), finished_at = now()
            WHERE id = @id AND status NOT IN {Final}
            """, new
        {
            id,
            status = status.ToString(),
            statistics = statistics is null ? null : StatisticsJson(statistics),
            columns = columns is null ? null : JsonSerializer.Serialize(columns),
            rows = rows is null ? null : JsonSerializer.Serialize(rows),
            rowCount = rows?.Count ?? 0,
            error,
        }, cancellationToken: ct));
    }

    /// <summary>Fails unfinished runs whose owner stopped refreshing them (an instance crashed or was stopped).</summary>
    public async Task<int> FailAbandonedAsync(TimeSpan ownerTimeout, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition($"""
            UPDATE log_query_runs SET status = 'Failed', finished_at = now(), waiting_for_aws = false,
                error = 'The portal instance running this query stopped before it finished. Run it again.'
            WHERE status NOT IN {Final} AND heartbeat_at < now() - @ownerTimeout
            """, new { ownerTimeout }, cancellationToken: ct));
    }

    public async Task<int> DeleteFinishedBeforeAsync(TimeSpan age, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM log_query_runs WHERE status IN {Final} AND finished_at < now() - @age", new { age }, cancellationToken: ct));
    }

    private async Task<RunSignal> UpdateAsync(Guid id, string set, object parameters, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var cancel = await conn.ExecuteScalarAsync<bool?>(new CommandDefinition(
            $"UPDATE log_query_runs SET {set}, heartbeat_at = now() WHERE id = @id AND status NOT IN {Final} RETURNING cancel_requested",
            parameters, cancellationToken: ct));
        return cancel switch { null => RunSignal.AlreadyFinal, true => RunSignal.Cancel, false => RunSignal.GoOn };
    }

    private static string StatisticsJson(LogsQueryStatistics s) => JsonSerializer.Serialize(
        new StoredStatistics(s.RecordsMatched, s.RecordsScanned, s.BytesScanned,
            s.Limits is { } l ? new StoredLimits(l.GroupLimit, l.EventsLeftOut, l.LineLimitBytes, l.LinesTooLong) : null),
        CamelCase);

    // The local engine's caps, when a run reached one (absent otherwise, and in rows written before they existed).
    private sealed record StoredStatistics(double RecordsMatched, double RecordsScanned, double BytesScanned, StoredLimits? Limits = null)
    {
        public LogsQueryStatistics ToStatistics() => new(RecordsMatched, RecordsScanned, BytesScanned,
            Limits: Limits is { } l ? new LogsQueryLimitsHit(l.GroupLimit, l.EventsLeftOut, l.LineLimitBytes, l.LinesTooLong) : null);
    }

    private sealed record StoredLimits(int GroupLimit, double EventsLeftOut, int LineLimitBytes, double LinesTooLong);

    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    // Property names are the column names: Dapper maps them without a mapping table.
    private class Row
    {
        public Guid id { get; init; }
        public string query_hash { get; init; } = "";
        public string query { get; init; } = "";
        public string[] log_groups { get; init; } = [];
        public DateTime range_start { get; init; }
        public DateTime range_end { get; init; }
        public string? saved_query { get; init; }
        public string? backend_query_id { get; init; }
        public string status { get; init; } = "";
        public bool waiting_for_aws { get; init; }
        public bool cancel_requested { get; init; }
        public string statistics { get; init; } = "{}";
        public string? columns { get; init; }
        public int row_count { get; init; }
        public string? error { get; init; }
        public Guid? started_by { get; init; }
        public DateTime created_at { get; init; }
        public DateTime? finished_at { get; init; }

        public LogRun ToRun()
        {
            var stats = JsonSerializer.Deserialize<StoredStatistics?>(statistics, CamelCase);
            return new LogRun(
                id, query_hash, query, log_groups, Utc(range_start), Utc(range_end), saved_query, backend_query_id,
                Enum.Parse<LogRunStatus>(status), waiting_for_aws, cancel_requested,
                stats?.ToStatistics() ?? LogsQueryStatistics.Empty,
                columns is null ? [] : JsonSerializer.Deserialize<List<string>>(columns)!,
                row_count, error, started_by, Utc(created_at), finished_at is { } f ? Utc(f) : null);
        }

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }

    private sealed class RowWithResults : Row
    {
        public string? result_rows { get; init; }
    }
}
