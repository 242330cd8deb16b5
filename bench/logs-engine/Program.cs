using System.Diagnostics;
using Autri.Domain.Logs;
using Autri.Logs.Engine;

// gen <dir> <lines>: writes portal.jsonl, mcp.jsonl and triggers.jsonl (deterministic seed).
// run <dir> <queries-dir> <slug>: runs a saved query over the whole file and prints events/s and peak memory.
return args switch
{
    ["gen", var dir, var lines] => Generate(dir, int.Parse(lines)),
    ["run", var dir, var queries, var slug] => Run(dir, queries, slug),
    ["passes", var dir, var queries, var slug, var passes] => Passes(dir, queries, slug, int.Parse(passes)),
    ["allocations", var dir, var queries, var slug] => Allocations(dir, queries, slug),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: gen <dir> <lines> | run <dir> <queries-dir> <slug> | passes <dir> <queries-dir> <slug> <n>");
    return 2;
}

static int Generate(string dir, int lines)
{
    Directory.CreateDirectory(dir);
    var random = new Random(20261121);
    var start = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    string[] tools = ["search", "get_document", "list_libraries", "ask"];
    string[] paths = ["/connectors", "/notifications", "/ops/logs/top-errors", "/health", "/admin/allowlist", "/notifications/stream"];
    string[] errors = ["Connector {0} not found", "Database timeout after {0} ms", "Upstream {0} from knowledge base", "Token for client {0} expired"];
    string[] reasons = ["expired", "revoked", "bad_signature", "unknown_key"];
    using var portal = new StreamWriter(Path.Combine(dir, "portal.jsonl"));
    using var mcp = new StreamWriter(Path.Combine(dir, "mcp.jsonl"));
    using var triggers = new StreamWriter(Path.Combine(dir, "triggers.jsonl"));
    for (var i = 0; i < lines; i++)
    {
        var time = start.AddMilliseconds(i * 80L).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        var roll = random.Next(100);
        if (roll < 43)
        {
            var path = paths[random.Next(paths.Length)];
            var duration = random.Next(5, 1500);
            portal.WriteLine($$"""{"time":"{{time}}","level":"info","logger":"Autri.Portal.Http.RequestLogging","message":"GET {{path}} 200 in {{duration}} ms","event":"http_request","request_id":"req-{{i}}","user_id":"u-{{random.Next(500)}}","method":"GET","path":"{{path}}","status":200,"duration_ms":{{duration}}}""");
        }
        else if (roll < 86)
        {
            var tool = tools[random.Next(tools.Length)];
            var ok = random.Next(100) >= 7;
            mcp.WriteLine($$"""{"time":"{{time}}","level":"{{(ok ? "info" : "warn")}}","logger":"Autri.Mcp.ToolCalls","message":"{{tool}} {{(ok ? "ok" : "error")}}","event":"mcp_tool_call","tool":"{{tool}}","connector_id":"c-{{random.Next(200)}}","status":"{{(ok ? "ok" : "error")}}","latency_ms":{{random.Next(10, 3000)}},"result_count":{{random.Next(20)}},"request_id":"mcp-{{i}}"}""");
        }
        else if (roll < 89)
        {
            mcp.WriteLine($$"""{"time":"{{time}}","level":"warn","logger":"Autri.Mcp.Auth","message":"MCP call refused","event":"mcp_auth_failed","connector_id":"c-{{random.Next(200)}}","reason":"{{reasons[random.Next(reasons.Length)]}}","request_id":"mcp-{{i}}"}""");
        }
        else if (roll < 91)
        {
            var email = $"user{random.Next(300)}@example.com";
            var byTrigger = random.Next(4) == 0;
            (byTrigger ? triggers : portal).WriteLine($$"""{"time":"{{time}}","level":"warn","logger":"Autri.Portal.Allowlist","message":"Refused {{email}}: not on the beta allowlist","event":"allowlist_rejected","email":"{{email}}","source":"{{(byTrigger ? "trigger" : "portal")}}"}""");
        }
        else
        {
            var message = string.Format(errors[random.Next(errors.Length)], random.Next(100_000));
            var level = random.Next(50) == 0 ? "fatal" : "error";
            var writer = roll < 96 ? portal : roll < 99 ? mcp : triggers;
            writer.WriteLine($$$"""{"time":"{{{time}}}","level":"{{{level}}}","logger":"Autri.Portal.Errors","message":"{{{message}}}","request_id":"req-{{{i}}}","exception":{"type":"InvalidOperationException","message":"{{{message}}}"}}""");
        }
    }
    return 0;
}

static LogsQueryRequest Request(string dir, string queriesDir, string slug)
{
    var saved = SavedQueryFolder.Load(queriesDir).Find(slug) ?? throw new ArgumentException("no saved query " + slug);
    var groups = saved.LogGroups.Where(g => File.Exists(Path.Combine(dir, g + ".jsonl"))).ToList();
    return new LogsQueryRequest(saved.Query, groups, DateTimeOffset.UnixEpoch, DateTimeOffset.Parse("2100-01-01T00:00:00Z"));
}

// For profiling the hot path apart from start-up and JIT: the same query n times in one process, each pass's CPU
// time and allocations (this thread), so changes can be compared on a busy machine.
static int Passes(string dir, string queriesDir, string slug, int passes)
{
    var request = Request(dir, queriesDir, slug);
    var engine = new LocalLogEngine(dir);
    using var self = Process.GetCurrentProcess();
    for (var i = 0; i < passes; i++)
    {
        self.Refresh();
        var cpu = self.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = engine.Run(request);
        self.Refresh();
        var seconds = (self.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"pass {i + 1}: {seconds:0.000} s CPU, {result.Statistics.RecordsScanned / seconds:0} events/CPU-s, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / result.Statistics.RecordsScanned:0} bytes allocated per event");
    }
    return 0;
}

// Which types a query allocates, from the runtime's allocation samples (one about every 100 KB).
static int Allocations(string dir, string queriesDir, string slug)
{
    var request = Request(dir, queriesDir, slug);
    var engine = new LocalLogEngine(dir);
    engine.Run(request);
    using var listener = new AllocationListener();
    engine.Run(request);
    foreach (var (type, kb) in listener.Sampled.OrderByDescending(p => p.Value).Take(15)) Console.WriteLine($"{kb,10:0} KB  {type}");
    return 0;
}

static int Run(string dir, string queriesDir, string slug)
{
    var request = Request(dir, queriesDir, slug);
    var watch = Stopwatch.StartNew();
    var result = new LocalLogEngine(dir).Run(request);
    watch.Stop();
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine($"{slug}: {result.Statistics.RecordsScanned:0} events in {watch.Elapsed.TotalSeconds:0.00} s = {result.Statistics.RecordsScanned / watch.Elapsed.TotalSeconds:0} events/s, peak working set {self.PeakWorkingSet64 / 1048576.0:0} MiB, {result.Rows.Count} rows");
    foreach (var row in result.Rows.Take(4)) Console.WriteLine("  " + string.Join(" | ", row.Select(f => $"{f.Field}={f.Value}")));
    return 0;
}

sealed class AllocationListener : System.Diagnostics.Tracing.EventListener
{
    public Dictionary<string, double> Sampled { get; } = [];

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName != "GCAllocationTick_V4" || e.Payload is null) return;
        var type = (string)e.Payload[e.PayloadNames!.IndexOf("TypeName")]!;
        var amount = Convert.ToDouble(e.Payload[e.PayloadNames!.IndexOf("AllocationAmount64")]) / 1024;
        lock (Sampled) Sampled[type] = Sampled.GetValueOrDefault(type) + amount;
    }
}
