// Verifications per second against a real Postgres, the benchmark pinned to one core by run.sh:
//   baseline   bare HMACSHA256.HashData over the same keys, same run (what any peppered lookup pays)
//   warm       ApiKeyVerifier with every key cached, one caller
//   cold       ApiKeyVerifier with an empty cache and the in-memory replica of every key (as the MCP server runs it),
//              each key once, one caller: no query; also the replica's load time and memory per key
//   cold, no replica   the same without the replica (as before it, and as the portal runs): one query per key
//   cold x64   the same with 64 verifications in flight on the same core: lookups share queries
//   cold x64 m the same on a Multiplexing=true data source
//   floor      a prepared "SELECT 1" per call on one connection: the round trip no cold lookup beats
//   parts      the format check and the HMAC alone (where warm time goes); the lookup query through the
//              pool, through the pool with No Reset On Close, on one kept-open connection, and ApiKeyLookup
//              itself (where cold time goes)
// Usage: ApiKeysBench <connection string> [keys=10000] [repeats=3]
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Autri.Domain.Connectors.ApiKeys;
using Autri.Infra.Connectors.ApiKeys;
using Autri.Infra.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

var connectionString = args.Length > 0 ? args[0] : throw new ArgumentException("usage: ApiKeysBench <connection string> [keys] [repeats]");
var keyCount = args.Length > 1 ? int.Parse(args[1]) : 10_000;
var repeats = args.Length > 2 ? int.Parse(args[2]) : 3;
var ct = CancellationToken.None;

await using var db = NpgsqlDataSource.Create(connectionString);
// The same database without Npgsql's reset of a pooled connection on close (session-state commands
// prepended to the next query), and with multiplexing: data-source settings, measured for comparison.
var noResetBuilder = new NpgsqlDataSourceBuilder(connectionString);
noResetBuilder.ConnectionStringBuilder.NoResetOnClose = true;
await using var dbNoReset = noResetBuilder.Build();
var multiplexingBuilder = new NpgsqlDataSourceBuilder(connectionString);
multiplexingBuilder.ConnectionStringBuilder.Multiplexing = true;
await using var dbMultiplexing = multiplexingBuilder.Build();
await new Migrator(db).ApplyAsync();
var options = new ApiKeyOptions
{
    Peppers = { ["1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
    CurrentPepperVersion = 1,
    CacheMaxEntries = keyCount * 2,
};
var clock = TimeProvider.System;
var hasher = new ApiKeyHasher(options);

Console.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} core(s) visible; .NET {Environment.Version}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
var keys = await SeedAsync(keyCount);
Console.WriteLine($"seeded {keys.Length:N0} keys");

var pepper = Convert.FromBase64String(options.Peppers["1"]);
var asciiKeys = keys.Select(k => Encoding.ASCII.GetBytes(k)).ToArray();
var hash = new byte[32];
Timed(null, 1, i => HMACSHA256.HashData(pepper, asciiKeys[i % asciiKeys.Length], hash));
Timed("  part: format + checksum (ApiKey.TryParse)", 1, i => ApiKey.TryParse(keys[i % keys.Length], out _));
Timed("  part: ApiKeyHasher.Hash (keyed state reused)", 1, i => hasher.Hash(keys[i % keys.Length], 1, hash));

// The machine is shared: each cold phase runs `repeats` times (last_used_at cleared in between, so every
// run pays the first-use writes), and the best run is reported along with all of them.
await ColdAsync(NewVerifier(db), keys.Take(2000).ToArray(), 1, null); // JIT, pool, prepared statement
await ColdAsync(NewVerifier(dbMultiplexing), keys.Take(2000).ToArray(), 64, null);
var replica = await LoadReplicaAsync();
await ColdAsync(NewVerifier(db, replica: replica), keys.Take(2000).ToArray(), 1, null); // JIT
var cold = await BestAsync("cold: empty cache, replica, each key once", () => ColdAsync(NewVerifier(db, replica: replica), keys, 1, null));
var coldNoReplica = await BestAsync("cold, no replica: a query per key", () => ColdAsync(NewVerifier(db), keys, 1, null));
var coldNoWriter = await BestAsync("cold, no replica, last-use writer not running", () => ColdAsync(NewVerifier(db, startRecorder: false), keys, 1, null));
var coldConcurrent = await BestAsync("cold x64, no replica: 64 in flight", () => ColdAsync(NewVerifier(db), keys, 64, null));
var coldMultiplexing = await BestAsync("cold x64, no replica, Multiplexing=true", () => ColdAsync(NewVerifier(dbMultiplexing), keys, 64, null));
var floor = await BestAsync("floor: prepared SELECT 1, one connection", () => RoundTripFloorAsync(5000));
await LookupOnlyAsync(keys, "  part: ApiKeyLookup.FindAsync, one caller");
await LookupQueryAsync(db, keys, kept: true, "  part: lookup query, one kept-open connection", generic: true);
await LookupQueryAsync(db, keys, kept: true, "  part: the same for one hash (key_hash = $1), kept-open", single: true);
await LookupQueryAsync(db, keys, kept: true, "  part: the key's own row alone (no join), kept-open", single: true,
    sql: "SELECT k.id FROM connector_api_keys k WHERE k.key_hash = $1");
await LookupQueryAsync(db, keys, kept: true, "  part: the same, Postgres choosing plans (custom)");
await LookupQueryAsync(db, keys, kept: false, "  part: lookup query, pooled open/close");
await LookupQueryAsync(dbNoReset, keys, kept: false, "  part: lookup query, pooled, No Reset On Close");

// Warm against the baseline in alternating one-second slices, so both see the same machine; best slice of each.
// Filled with 64 in flight just before measuring, so no entry nears its 30 s TTL even on a slow machine.
var warmVerifier = NewVerifier(db);
await ColdAsync(warmVerifier, keys, 64, null);
Timed(null, 1, i => Check(warmVerifier.VerifyAsync(keys[i % keys.Length], ct).GetAwaiter().GetResult()));
var baselines = new List<double>();
var warms = new List<double>();
for (var slice = 0; slice < 2 * repeats; slice++)
{
    baselines.Add(Timed(null, 1, i => HMACSHA256.HashData(pepper, asciiKeys[i % asciiKeys.Length], hash)));
    warms.Add(Timed(null, 1, i => Check(warmVerifier.VerifyAsync(keys[i % keys.Length], ct).GetAwaiter().GetResult())));
}
var baseline = baselines.Max();
var warm = warms.Max();
Console.WriteLine($"{"baseline: bare HMACSHA256.HashData",-42} best {baseline,10:N0}/s of {string.Join(", ", baselines.Select(r => r.ToString("N0")))}");
Console.WriteLine($"{"warm: every key cached",-42} best {warm,10:N0}/s of {string.Join(", ", warms.Select(r => r.ToString("N0")))}");
Console.WriteLine($"load average at the end {File.ReadAllText("/proc/loadavg").Trim()}");

Console.WriteLine();
Console.WriteLine($"warm      {warm,10:N0}/s  target 200,000/s  {warm / 200_000,5:P0} of target  {warm / baseline,6:F2} x baseline");
Console.WriteLine($"cold      {cold,10:N0}/s  target  20,000/s  {cold / 20_000,5:P0} of target  {cold / baseline,6:F3} x baseline  {cold / floor,5:F2} x round-trip floor (replica)");
Console.WriteLine($"cold nr   {coldNoReplica,10:N0}/s  target  20,000/s  {coldNoReplica / 20_000,5:P0} of target  {coldNoReplica / baseline,6:F3} x baseline  {coldNoReplica / floor,5:F2} x round-trip floor (no replica)");
Console.WriteLine($"cold x64  {coldConcurrent,10:N0}/s  target  20,000/s  {coldConcurrent / 20_000,5:P0} of target  {coldConcurrent / baseline,6:F3} x baseline");
Console.WriteLine($"cold x64m {coldMultiplexing,10:N0}/s  target  20,000/s  {coldMultiplexing / 20_000,5:P0} of target  {coldMultiplexing / baseline,6:F3} x baseline");
Console.WriteLine($"floor     {floor,10:N0}/s  prepared SELECT 1, one connection, one caller");
Console.WriteLine($"baseline  {baseline,10:N0}/s  bare HMAC-SHA256, same inputs, same run");
return;

async Task<double> BestAsync(string label, Func<Task<double>> run)
{
    var rates = new List<double>();
    for (var r = 0; r < repeats; r++)
    {
        await using (var reset = db.CreateCommand("UPDATE connector_api_keys SET last_used_at = NULL; UPDATE connectors SET last_used_at = NULL"))
            await reset.ExecuteNonQueryAsync();
        foreach (var table in new[] { "connector_api_keys", "connectors" })
        {
            await using var vacuum = db.CreateCommand("VACUUM ANALYZE " + table);
            await vacuum.ExecuteNonQueryAsync();
        }
        await Task.Delay(1500); // the previous run's last-use recorder has flushed
        rates.Add(await run());
    }
    Console.WriteLine($"{label,-42} best {rates.Max(),10:N0}/s of {string.Join(", ", rates.Select(r => r.ToString("N0")))}");
    return rates.Max();
}

// Each verifier's last-use recorder runs its once-a-second flush, as in the server (unless told not to, to price it).
ApiKeyVerifier NewVerifier(NpgsqlDataSource source, bool startRecorder = true, ApiKeyReplica? replica = null)
{
    var recorder = new LastUseRecorder(source, clock, NullLogger<LastUseRecorder>.Instance);
    if (startRecorder) recorder.StartAsync(ct).GetAwaiter().GetResult();
    return new ApiKeyVerifier(hasher, new ApiKeyCache(options, clock), new ApiKeyLookup(source), recorder, clock, replica);
}

// The MCP server's replica, fed as the server feeds it (the feed keeps running, as there): its first load timed, and
// the managed memory it holds per key (after a full collection on each side).
async Task<ApiKeyReplica> LoadReplicaAsync()
{
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var loaded = new ApiKeyReplica(options, clock);
    var sw = Stopwatch.StartNew();
    await new ApiKeyFeed(db, loaded, clock, NullLogger<ApiKeyFeed>.Instance).StartAsync(ct);
    while (!loaded.IsCurrent) await Task.Delay(1);
    sw.Stop();
    var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
    Console.WriteLine($"{"replica: first load",-42} {loaded.Count,10:N0} keys in {sw.Elapsed.TotalMilliseconds,7:N0} ms; {bytes / Math.Max(1, loaded.Count),5:N0} bytes per key");
    return loaded;
}

async Task<double> ColdAsync(ApiKeyVerifier verifier, string[] batch, int inFlight, string? label)
{
    var next = -1;
    var sw = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < batch.Length; i = Interlocked.Increment(ref next))
            Check(await verifier.VerifyAsync(batch[i], ct));
    }));
    sw.Stop();
    return Report(label, batch.Length, sw.Elapsed);
}

async Task<double> RoundTripFloorAsync(int count)
{
    await using var conn = await db.OpenConnectionAsync();
    await using var cmd = new NpgsqlCommand("SELECT 1", conn);
    await cmd.PrepareAsync();
    for (var i = 0; i < 500; i++) await cmd.ExecuteScalarAsync();
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < count; i++) await cmd.ExecuteScalarAsync();
    return Report("floor: prepared SELECT 1, one connection", count, sw.Elapsed);
}

// The lookup's SQL, prepared, one caller: through the pool (rent, reset on return) or on one connection kept open.
async Task<double> LookupQueryAsync(NpgsqlDataSource source, string[] batch, bool kept, string label, bool generic = false, bool single = false, string? sql = null)
{
    var hashes = batch.Select(k => new[] { hasher.Hash(k, 1) }).ToArray();
    await using var held = kept ? await source.OpenConnectionAsync() : null;
    if (held is not null && generic)
    {
        await using var set = new NpgsqlCommand("SET plan_cache_mode = force_generic_plan", held);
        await set.ExecuteNonQueryAsync();
    }
    async Task One(byte[][] h)
    {
        var conn = held ?? await source.OpenConnectionAsync();
        try
        {
            await using var cmd = new NpgsqlCommand(sql ?? (single ? ApiKeyLookup.Sql.Replace("= ANY($1)", "= $1") : ApiKeyLookup.Sql), conn);
            cmd.Parameters.Add(single
                ? new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea, Value = h[0] }
                : new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea, Value = h });
            await cmd.PrepareAsync();
            await using var r = await cmd.ExecuteReaderAsync();
            if (!await r.ReadAsync()) throw new InvalidOperationException("key not found");
        }
        finally
        {
            if (held is null) await conn.DisposeAsync();
        }
    }
    for (var i = 0; i < 500; i++) await One(hashes[i]);
    var sw = Stopwatch.StartNew();
    foreach (var h in hashes) await One(h);
    var rate = Report(label, hashes.Length, sw.Elapsed);
    return rate;
}

async Task<double> LookupOnlyAsync(string[] batch, string label)
{
    await using var lookup = new ApiKeyLookup(db);
    var hashes = batch.Select(k => new[] { hasher.Hash(k, 1) }).ToArray();
    for (var i = 0; i < 500; i++) await lookup.FindAsync(hashes[i], ct);
    var sw = Stopwatch.StartNew();
    foreach (var h in hashes)
    {
        if ((await lookup.FindAsync(h, ct)).Count != 1) throw new InvalidOperationException("key not found");
    }
    return Report(label, hashes.Length, sw.Elapsed);
}

static double Timed(string? label, double forSeconds, Action<int> op)
{
    var sw = Stopwatch.StartNew();
    var ops = 0;
    var limit = TimeSpan.FromSeconds(forSeconds);
    while (sw.Elapsed < limit)
    {
        for (var j = 0; j < 1024; j++) op(ops++);
    }
    sw.Stop();
    return Report(label, ops, sw.Elapsed);
}

static double Report(string? label, int ops, TimeSpan elapsed)
{
    var rate = ops / elapsed.TotalSeconds;
    if (label is not null)
        Console.WriteLine($"{label,-42} {ops,10:N0} in {elapsed.TotalMilliseconds,7:N0} ms = {rate,10:N0}/s ({elapsed.TotalNanoseconds / ops,9:N0} ns each)");
    return rate;
}

static void Check(ApiKeyVerification v)
{
    if (!v.IsValid) throw new InvalidOperationException($"expected Valid, got {v.Outcome}");
}

async Task<string[]> SeedAsync(int count)
{
    var (user, org, library) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
    await using (var seed = db.CreateCommand("""
        INSERT INTO users (id, subject, email) VALUES (@user, 'bench-' || @user::text, @user::text || '@bench.test');
        INSERT INTO orgs (id, name) VALUES (@org, 'bench');
        INSERT INTO libraries (id, org_id, name) VALUES (@library, @org, 'bench');
        """))
    {
        seed.Parameters.AddWithValue("user", user);
        seed.Parameters.AddWithValue("org", org);
        seed.Parameters.AddWithValue("library", library);
        await seed.ExecuteNonQueryAsync();
    }
    var issuer = new ApiKeyIssuer(db, hasher, new ApiKeyCache(options, clock), clock);
    var result = new string[count];
    await using var conn = await db.OpenConnectionAsync();
    await using var tx = await conn.BeginTransactionAsync();
    for (var i = 0; i < count; i++)
        result[i] = (await issuer.IssueAsync(new NewApiKeyConnector(org, user, library, $"bench {i}"), tx)).Plaintext;
    await tx.CommitAsync();
    await using (var analyze = db.CreateCommand("ANALYZE connectors; ANALYZE connector_api_keys")) await analyze.ExecuteNonQueryAsync();
    return result;
}
