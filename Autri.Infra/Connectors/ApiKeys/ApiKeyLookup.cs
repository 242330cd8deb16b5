using Autri.Infra.Allowlist;

namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// The one query verification makes on a cache miss: the key rows whose hash is any of the candidate HMACs.
/// <para>
/// Lookups that arrive while a query is in flight wait and go together in the next one (natural
/// batching: a lone lookup is sent at once, never held back for company). A cold burst, every client
/// reconnecting after a deploy, then costs one round trip per batch instead of per key.
/// </para>
/// <para>
/// Queries go out on at most <see cref="MaxQueriesInFlight"/> lanes. A lane keeps its connection open and
/// its statement prepared between queries: renting a pooled connection per lookup costs Npgsql's reset of
/// the session on every return (several statements the server runs before the next query), measured at
/// about 3x the query itself (bench/api-keys). A lane opens its connection when first needed, gives it back
/// to the data source's pool when it has sat idle for <see cref="IdleLifetime"/> (checked whenever a lane
/// finishes a query), and replaces a connection that died while idle (failover, restart, idle timeout) by
/// retrying the query once on a fresh one: the query only reads, so a retry is harmless. A failure on a
/// fresh connection propagates: the caller answers 503, never "unknown".
/// </para>
/// </summary>
public sealed class ApiKeyLookup : IAsyncDisposable, IDisposable
{
    public const int MaxQueriesInFlight = 4;
    public const int MaxLookupsPerQuery = 256;

    /// <summary>How long a lane keeps an unused connection before giving it back.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A key's revocation and expiry folded with its connector's (key <c>k</c>, connector <c>c</c>): either one refuses
    /// the key. Every read of what decides a key's fate selects these (here, and the replica's feed in ApiKeyChanges).
    /// </summary>
    internal const string FoldedFate = """
        k.revoked_at IS NOT NULL OR c.revoked_at IS NOT NULL AS revoked,
               LEAST(k.expires_at, c.expires_at) AS expires_at
        """;

    internal const string Sql = $"""
        SELECT k.id, k.connector_id, c.org_id, c.library_id, k.pepper_version, k.key_hash,
               {FoldedFate},
               {OwnerSuspensions.OwnerInvited} AS owner_invited
        FROM connector_api_keys k
        JOIN connectors c ON c.id = k.connector_id
        WHERE k.key_hash = ANY($1) AND c.kind = 'api_key'
        """;

    private readonly Channel<Lookup> _queue = Channel.CreateUnbounded<Lookup>();
    private readonly ConcurrentStack<Lane> _idleLanes = new();
    private readonly Lane[] _lanes;
    private readonly TimeProvider _clock;
    private long _nextIdleCheckTicks;
    private volatile bool _disposed;

    public ApiKeyLookup(NpgsqlDataSource db, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _lanes = Enumerable.Range(0, MaxQueriesInFlight).Select(_ => new Lane(db)).ToArray();
        // A stack: the most recently used lane goes out first, so a steady trickle keeps one connection
        // busy and the others age out.
        for (var i = _lanes.Length - 1; i >= 0; i--) _idleLanes.Push(_lanes[i]);
    }

    /// <summary>The rows matching any of <paramref name="hashes"/> (normally none or one).</summary>
    /// <remarks>
    /// <paramref name="ct"/> is honoured while waiting; a caller that sends the query itself waits for it
    /// (one indexed lookup, bounded by the command timeout) because other callers' lookups ride in it.
    /// </remarks>
    internal async Task<IReadOnlyList<Row>> FindAsync(byte[][] hashes, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ct.ThrowIfCancellationRequested();
        var lookup = new Lookup(hashes);
        _queue.Writer.TryWrite(lookup);
        if (_idleLanes.TryPop(out var lane))
        {
            // Send the first batch (ours, unless a burst is queued ahead) from this call: no thread hop
            // on the common path of one lookup at a time. Later batches drain on the thread pool.
            await DrainAsync(lane, batches: 1);
        }
        return await lookup.Result.Task.WaitAsync(ct);
    }

    private async Task DrainAsync(Lane lane, int batches)
    {
        try
        {
            var batch = new List<Lookup>();
            for (var sent = 0; sent < batches; sent++)
            {
                batch.Clear();
                while (batch.Count < MaxLookupsPerQuery && _queue.Reader.TryRead(out var next)) batch.Add(next);
                if (batch.Count == 0) return;
                await RunAsync(lane, batch);
            }
        }
        finally
        {
            await GiveBackIdleConnectionsAsync(lane);
            _idleLanes.Push(lane);
            // Whatever queued meanwhile (or after our last read) is sent by a drainer of its own.
            if (_queue.Reader.TryPeek(out _) && _idleLanes.TryPop(out var next)) _ = Task.Run(() => DrainAsync(next, int.MaxValue));
        }
    }

    private async Task RunAsync(Lane lane, List<Lookup> batch)
    {
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this); // queued before DisposeAsync: do not reopen a connection for it
            var hashes = batch.SelectMany(l => l.Hashes).ToArray();
            var rows = (await lane.QueryAsync(hashes, _clock.GetUtcNow() - IdleLifetime)).ToDictionary(r => HashKey.From(r.KeyHash));
            lane.LastUsed = _clock.GetUtcNow();
            foreach (var lookup in batch)
            {
                var found = new List<Row>(1);
                foreach (var hash in lookup.Hashes)
                {
                    if (rows.TryGetValue(HashKey.From(hash), out var row)) found.Add(row);
                }
                lookup.Result.TrySetResult(found);
            }
        }
        catch (Exception e)
        {
            foreach (var lookup in batch) lookup.Result.TrySetException(e);
        }
    }

    /// <summary>
    /// Closes the connections of idle lanes unused for <see cref="IdleLifetime"/> (at most a few times per
    /// lifetime, so the common path pays a clock read). Lanes on the stack are idle; a lane in use is not on it.
    /// </summary>
    private async Task GiveBackIdleConnectionsAsync(Lane current)
    {
        if (_disposed)
        {
            await current.CloseAsync();
            return;
        }
        var now = _clock.GetUtcNow();
        var next = Volatile.Read(ref _nextIdleCheckTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextIdleCheckTicks, now.UtcTicks + IdleLifetime.Ticks / 4, next) != next) return;

        var cutoff = now - IdleLifetime;
        var taken = new List<Lane>(MaxQueriesInFlight);
        while (taken.Count < MaxQueriesInFlight && _idleLanes.TryPop(out var lane)) taken.Add(lane);
        try
        {
            foreach (var lane in taken)
            {
                if (lane.IsOpen && lane.LastUsed < cutoff) await lane.CloseAsync();
            }
        }
        finally
        {
            for (var i = taken.Count - 1; i >= 0; i--) _idleLanes.Push(taken[i]);
        }
    }

    /// <summary>Gives every lane's connection back. Lookups after this throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        // Lanes in use close themselves when their query ends (GiveBackIdleConnectionsAsync sees _disposed).
        while (_idleLanes.TryPop(out var lane)) await lane.CloseAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal sealed record Row(
        Guid KeyId, Guid ConnectorId, Guid OrgId, Guid LibraryId, int PepperVersion, byte[] KeyHash,
        bool Revoked, DateTimeOffset? ExpiresAt, bool OwnerInvited);

    private sealed class Lookup(byte[][] hashes)
    {
        public byte[][] Hashes { get; } = hashes;

        public TaskCompletionSource<IReadOnlyList<Row>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One connection with the lookup prepared on it, used by one drainer at a time.</summary>
    private sealed class Lane(NpgsqlDataSource db)
    {
        private NpgsqlConnection? _conn;
        private NpgsqlCommand? _cmd;
        private bool _ownsSession;

        public DateTimeOffset LastUsed { get; set; }

        public bool IsOpen => _conn is not null;

        private bool IsBroken => _conn is null || _conn.FullState.HasFlag(ConnectionState.Broken) || _conn.State == ConnectionState.Closed;

        /// <param name="staleBefore">A connection last used before this is given back and a fresh one opened.</param>
        public async Task<List<Row>> QueryAsync(byte[][] hashes, DateTimeOffset staleBefore)
        {
            if (_conn is not null && LastUsed < staleBefore) await CloseAsync();
            var reused = _conn is not null;
            try
            {
                return await QueryOnceAsync(hashes);
            }
            catch (NpgsqlException) when (reused && IsBroken)
            {
                // The kept connection died while idle (its session was ended by a failover, a restart or an
                // idle timeout): one retry on a fresh connection tells that from a database really failing.
                await CloseAsync();
            }
            try
            {
                return await QueryOnceAsync(hashes);
            }
            catch
            {
                await CloseAsync();
                throw;
            }
        }

        private async Task<List<Row>> QueryOnceAsync(byte[][] hashes)
        {
            // Not cancelled by any one caller: the others in the batch still want the answer.
            if (_cmd is null)
            {
                _conn = await db.OpenConnectionAsync();
                // A Multiplexing=true data source has no session of ours to set up, and Npgsql refuses explicit
                // preparation there (its auto-prepare applies instead).
                _ownsSession = !new NpgsqlConnectionStringBuilder(_conn.ConnectionString).Multiplexing;
                if (_ownsSession)
                {
                    // Left to itself Postgres re-plans "= ANY($1)" on every execution once the table is large:
                    // the generic plan assumes ten array elements and looks costlier than a custom plan for one.
                    // The generic plan (index scan on key_hash, then the connector by primary key) is the right
                    // one for any batch, so this session always uses it; CloseAsync resets it.
                    await using var set = new NpgsqlCommand("SET plan_cache_mode = force_generic_plan", _conn);
                    await set.ExecuteNonQueryAsync();
                }
                _cmd = new NpgsqlCommand(Sql, _conn);
                _cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                if (_ownsSession) await _cmd.PrepareAsync();
            }
            _cmd.Parameters[0].Value = hashes;
            await using var reader = await _cmd.ExecuteReaderAsync();
            var rows = new List<Row>();
            while (await reader.ReadAsync())
            {
                rows.Add(new Row(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetInt32(4),
                    reader.GetFieldValue<byte[]>(5), reader.GetBoolean(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(8)));
            }
            return rows;
        }

        public async Task CloseAsync()
        {
            var conn = _conn;
            _cmd?.Dispose();
            _cmd = null;
            _conn = null;
            if (conn is not null)
            {
                try
                {
                    // Back to the pool with the server's default planning, whatever No Reset On Close says.
                    if (_ownsSession && conn.FullState == ConnectionState.Open)
                    {
                        await using var reset = new NpgsqlCommand("RESET plan_cache_mode", conn);
                        await reset.ExecuteNonQueryAsync();
                    }
                    await conn.DisposeAsync();
                }
                catch (Exception)
                {
                    // A broken connection may fail to reset or close cleanly; the pool discards it either way.
                    try
                    {
                        await conn.DisposeAsync();
                    }
                    catch (Exception)
                    {
                    }
                }
            }
        }
    }
}
