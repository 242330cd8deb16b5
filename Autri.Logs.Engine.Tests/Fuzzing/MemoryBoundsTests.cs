namespace Autri.Logs.Engine.Tests.Fuzzing;

/// <summary>Alone, so that the process's heap is this test's: nothing else allocates while it measures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "Memory measurement";
}

/// <summary>
/// Hostile logs against the engine's caps, measured with the GC's own counters (no timing): the live heap sampled
/// as the run goes stays near where it started whatever the number of groups, and one enormous line costs no more
/// memory than the line limit. Each of these held memory in proportion to the input before the caps.
/// </summary>
[Collection(MemoryMeasurement.Name)]
public sealed class MemoryBoundsTests : IDisposable
{
    private const int Lines = 200_000;
    private const long Megabyte = 1 << 20;
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-21T00:00:00Z");

    private readonly string _directory = Directory.CreateTempSubdirectory("autri-memory-").FullName;

    public MemoryBoundsTests()
    {
        // Every line its own id: as many groups as lines for "by id", and as many distinct values.
        using var writer = new StreamWriter(Path.Combine(_directory, "portal.jsonl"));
        for (var i = 0; i < Lines; i++)
            writer.WriteLine($$"""{"time":"{{Start.AddMilliseconds(i):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","level":"info","id":"request-{{i:D8}}-{{Guid.NewGuid():N}}","n":{{i}}}""");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("stats count(*) as n by id")]
    [InlineData("stats count(*) as n, max(n) as last by id, level | sort n desc | limit 5")]
    [InlineData("dedup id | stats count(*) as kept")]
    public void Groups_beyond_the_cap_are_left_out_and_counted_and_the_heap_stays_flat(string query)
    {
        var limits = new LocalEngineLimits { MaxGroups = 1_000 };

        var (result, diagnostics, growth) = RunMeasured(query, limits);

        Assert.Equal(1_000, diagnostics.GroupsHeld);
        var hit = result.Statistics.Limits!;
        Assert.Equal(1_000, hit.GroupLimit);
        Assert.Equal(Lines - 1_000, hit.EventsLeftOut);
        // 200,000 groups held ~40 MB before the cap; 1,000 hold well under one.
        Assert.True(growth < 8 * Megabyte, $"the live heap grew by {growth / Megabyte} MB during the run");
    }

    [Fact]
    public void One_enormous_line_is_skipped_without_being_held_and_the_next_lines_are_read()
    {
        var path = Path.Combine(_directory, "mcp.jsonl");
        using (var file = File.Create(path))
        {
            file.Write("{\"time\":\"2026-11-21T00:00:00.000Z\",\"message\":\""u8);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'a');
            for (var i = 0; i < 48; i++) file.Write(chunk);
            file.Write("\"}\n{\"time\":\"2026-11-21T00:00:01.000Z\",\"level\":\"after\"}\n"u8);
        }
        var engine = new LocalLogEngine(_directory, new LocalEngineLimits { MaxLineBytes = 64 * 1024 });
        var request = new LogsQueryRequest("fields level", ["mcp"], Start, Start.AddDays(1));

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = engine.Run(request);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal("after", Assert.Single(result.Rows).Single(f => f.Field == "level").Value);
        Assert.Equal(1, result.Statistics.Limits!.LinesTooLong);
        Assert.Equal(64 * 1024, result.Statistics.Limits.LineLimitBytes);
        // A 48 MB line took a 64 MB buffer before the limit; now the buffer stops at the limit.
        Assert.True(allocated < 4 * Megabyte, $"reading the file allocated {allocated / Megabyte} MB");
    }

    /// <summary>Runs the query, sampling the live heap (after a full collection) at every progress report.</summary>
    private (LogsQueryResult Result, EngineDiagnostics Diagnostics, long Growth) RunMeasured(string query, LocalEngineLimits limits)
    {
        var request = new LogsQueryRequest(query, ["portal"], Start, Start.AddDays(1));
        var engine = new LocalLogEngine(_directory, limits);
        engine.Run(request);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        var diagnostics = new EngineDiagnostics();
        var progress = new Sampler(() => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true)));

        var result = engine.Run(LocalLogEngine.Prepare(request), request, progress, CancellationToken.None, diagnostics);

        return (result, diagnostics, peak - baseline);
    }

    private sealed class Sampler(Action sample) : IProgress<LogsQueryStatistics>
    {
        public void Report(LogsQueryStatistics value) => sample();
    }
}
