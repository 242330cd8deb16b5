using System.Diagnostics;
using Autri.Domain.Logs;
using Autri.Logs.Engine;

// gen <dir> <lines>: writes portal.jsonl and mcp.jsonl (deterministic seed).
// run <dir> <queries-dir> <slug>: runs a saved query over the whole file and prints events/s and peak memory.
return args switch
{
    ["gen", var dir, var lines] => Generate(dir, int.Parse(lines)),
    ["run", var dir, var queries, var slug] => Run(dir, queries, slug),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: gen <dir> <lines> | run <dir> <queries-dir> <slug>");
    return 2;
}

static int Generate(string dir, int lines)
{
    Directory.CreateDirectory(dir);
    var random = new Random(20261121);
    var start = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    string[] tools = ["search", "get_document", "list_libraries", "ask"];
    string[] paths = ["/connectors", "/notifications", "/ops/logs/top-errors", "/health", "/admin/allowlist"];
    string[] errors = ["Connector {0} not found", "Database timeout after {0} ms", "Upstream {0} from knowledge base", "Token for client {0} expired"];
    using var portal = new StreamWriter(Path.Combine(dir, "portal.jsonl"));
    using var mcp = new StreamWriter(Path.Combine(dir, "mcp.jsonl"));
    for (var i = 0; i < lines; i++)
    {
        var time = start.AddMilliseconds(i * 80L).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        var roll = random.Next(100);
        if (roll < 45)
        {
            var path = paths[random.Next(paths.Length)];
            var duration = random.Next(5, 1500);
            portal.WriteLine($$"""{"time":"{{time}}","level":"info","logger":"Autri.Portal.Http.RequestLogging","message":"GET {{path}} 200 in {{duration}} ms","event":"http_request","request_id":"req-{{i}}","user_id":"u-{{random.Next(500)}}","method":"GET","path":"{{path}}","status":200,"duration_ms":{{duration}}}""");
        }
        else if (roll < 90)
        {
            var tool = tools[random.Next(tools.Length)];
            var ok = random.Next(100) >= 7;
            mcp.WriteLine($$"""{"time":"{{time}}","level":"{{(ok ? "info" : "warn")}}","logger":"Autri.Mcp.ToolCalls","message":"{{tool}} {{(ok ? "ok" : "error")}}","event":"mcp_tool_call","tool":"{{tool}}","connector_id":"c-{{random.Next(200)}}","status":"{{(ok ? "ok" : "error")}}","latency_ms":{{random.Next(10, 3000)}},"result_count":{{random.Next(20)}},"request_id":"mcp-{{i}}"}""");
        }
        else
        {
            var message = string.Format(errors[random.Next(errors.Length)], random.Next(100_000));
            var level = random.Next(50) == 0 ? "fatal" : "error";
            var writer = roll < 95 ? portal : mcp;
            writer.WriteLine($$$"""{"time":"{{{time}}}","level":"{{{level}}}","logger":"Autri.Portal.Errors","message":"{{{message}}}","request_id":"req-{{{i}}}","exception":{"type":"InvalidOperationException","message":"{{{message}}}"}}""");
        }
    }
    return 0;
}

static int Run(string dir, string queriesDir, string slug)
{
    var saved = SavedQueryFolder.Load(queriesDir).Find(slug) ?? throw new ArgumentException("no saved query " + slug);
    var groups = saved.LogGroups.Where(g => File.Exists(Path.Combine(dir, g + ".jsonl"))).ToList();
    var request = new LogsQueryRequest(saved.Query, groups, DateTimeOffset.UnixEpoch, DateTimeOffset.Parse("2100-01-01T00:00:00Z"));
    var watch = Stopwatch.StartNew();
    var result = new LocalLogEngine(dir).Run(request);
    watch.Stop();
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine($"{slug}: {result.Statistics.RecordsScanned:0} events in {watch.Elapsed.TotalSeconds:0.00} s = {result.Statistics.RecordsScanned / watch.Elapsed.TotalSeconds:0} events/s, peak working set {self.PeakWorkingSet64 / 1048576.0:0} MiB, {result.Rows.Count} rows");
    foreach (var row in result.Rows.Take(4)) Console.WriteLine("  " + string.Join(" | ", row.Select(f => $"{f.Field}={f.Value}")));
    return 0;
}
