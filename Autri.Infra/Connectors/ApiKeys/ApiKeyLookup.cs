using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>
/// The one query verification makes on a cache miss: the key rows whose hash is any of the candidate HMACs.
/// <para>
/// Lookups that arrive while a query is in flight wait and go together in the next one (natural
/// batching: a lone lookup is sent at once, never held back for company). A cold burst, every client
/// reconnecting after a deploy, then costs one round trip per batch instead of per key, on at most
/// <see cref="MaxQueriesInFlight"/> pooled connections.
/// </para>
/// </summary>
public sealed class ApiKeyLookup(NpgsqlDataSource db)
{
    public const int MaxQueriesInFlight = 4;
    public const int MaxLookupsPerQuery = 256;

    private const string Sql = """
        SELECT k.id, k.connector_id, c.org_id, c.library_id, k.pepper_version, k.key_hash,
               k.revoked_at IS NOT NULL OR c.revoked_at IS NOT NULL AS revoked,
               LEAST(k.expires_at, c.expires_at) AS expires_at
        FROM connector_api_keys k
        JOIN connectors c ON c.id = k.connector_id
        WHERE k.key_hash = ANY($1) AND c.kind = 'api_key'
        """;

    private readonly Channel<Lookup> _queue = Channel.CreateUnbounded<Lookup>();
    private int _queriesInFlight;

    /// <summary>The rows matching any of <paramref name="hashes"/> (normally none or one).</summary>
    /// <remarks>
    /// <paramref name="ct"/> is honoured while waiting; a caller that sends the query itself waits for it
    /// (one indexed lookup, bounded by the command timeout) because other callers' lookups ride in it.
    /// </remarks>
    internal async Task<IReadOnlyList<Row>> FindAsync(byte[][] hashes, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var lookup = new Lookup(hashes);
        _queue.Writer.TryWrite(lookup);
        if (TryTakeQuerySlot())
        {
            // Send the first batch (ours, unless a burst is queued ahead) from this call: no thread hop
            // on the common path of one lookup at a time. Later batches drain on the thread pool.
            await DrainAsync(batches: 1);
        }
        return await lookup.Result.Task.WaitAsync(ct);
    }

    private bool TryTakeQuerySlot()
    {
        if (Interlocked.Increment(ref _queriesInFlight) <= MaxQueriesInFlight) return true;
        Interlocked.Decrement(ref _queriesInFlight);
        return false;
    }

    private async Task DrainAsync(int batches)
    {
        try
        {
            var batch = new List<Lookup>();
            for (var sent = 0; sent < batches; sent++)
            {
                batch.Clear();
                while (batch.Count < MaxLookupsPerQuery && _queue.Reader.TryRead(out var next)) batch.Add(next);
                if (batch.Count == 0) return;
                await RunAsync(batch);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queriesInFlight);
            // Whatever queued meanwhile (or after our last read) is sent by a drainer of its own.
            if (_queue.Reader.TryPeek(out _) && TryTakeQuerySlot()) _ = Task.Run(() => DrainAsync(int.MaxValue));
        }
    }

    private async Task RunAsync(List<Lookup> batch)
    {
        try
        {
            var hashes = batch.SelectMany(l => l.Hashes).ToArray();
            var rows = (await QueryAsync(hashes)).ToDictionary(r => HashKey.From(r.KeyHash));
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

    private async Task<List<Row>> QueryAsync(byte[][] hashes)
    {
        // Not cancelled by any one caller: the others in the batch still want the answer.
        await using var conn = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(Sql, conn);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = hashes });
        // Prepared once per physical connection; Npgsql keeps it across pool rentals, so later calls
        // skip parsing and planning.
        await cmd.PrepareAsync();
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetInt32(4),
                (byte[])reader[5], reader.GetBoolean(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return rows;
    }

    internal sealed record Row(
        Guid KeyId, Guid ConnectorId, Guid OrgId, Guid LibraryId, int PepperVersion, byte[] KeyHash,
        bool Revoked, DateTimeOffset? ExpiresAt);

    private sealed class Lookup(byte[][] hashes)
    {
        public byte[][] Hashes { get; } = hashes;

        public TaskCompletionSource<IReadOnlyList<Row>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
