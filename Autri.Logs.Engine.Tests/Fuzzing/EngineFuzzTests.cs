namespace Autri.Logs.Engine.Tests.Fuzzing;

/// <summary>
/// Generated and mutated queries run over a log group holding every odd line of <see cref="OddLines"/> beside
/// the recorded sample: each run completes, or ends with one of the engine's documented refusals, within its
/// timeout; no run holds more groups or rows than its limits.
/// </summary>
public sealed class EngineFuzzTests : IClassFixture<EngineFuzzTests.OddLogs>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(10);

    // Generous beyond the timeout: this only catches a run that never ends. It asserts nothing about speed.
    private static readonly TimeSpan Watchdog = RunTimeout + TimeSpan.FromSeconds(50);

    private static readonly LocalEngineLimits Limits = new() { MaxGroups = 25, MaxLineBytes = 1 << 20, RegexTimeout = TimeSpan.FromMilliseconds(50) };

    private static readonly string[] Refusals =
        [LogsQueryException.NotSupportedLocally, LogsQueryException.RegexTimeout, "MalformedQueryException", "InvalidParameterException"];

    private readonly OddLogs _logs;

    public EngineFuzzTests(OddLogs logs) => _logs = logs;

    [Fact]
    public void Generated_queries_over_odd_lines_complete_or_are_refused_within_their_timeout() =>
        Fuzz.Run(60, random => Runnable(() => new QueryGenerator(random).Query()), RunsToAnEnd);

    [Fact]
    public void Mutated_saved_and_tested_queries_over_odd_lines_complete_or_are_refused_within_their_timeout() =>
        Fuzz.Run(90, random => Runnable(() => QueryMutator.Mutated(random)), RunsToAnEnd);

    [Fact]
    public void Every_saved_query_runs_over_the_odd_lines() =>
        Assert.All(LogFixtures.SavedQueries.All.Select(q => q.Query), RunsToAnEnd);

    // Most random text does not parse (the parser fuzz tests cover that): draw until a query the engine accepts.
    private static string Runnable(Func<string> draw)
    {
        var query = draw();
        for (var attempt = 0; attempt < 200 && !Accepted(query); attempt++) query = draw();
        return query;
    }

    private static bool Accepted(string query)
    {
        try
        {
            LocalLogEngine.Prepare(Request(query));
            return true;
        }
        catch (LogsQueryException)
        {
            return false;
        }
    }

    private static LogsQueryRequest Request(string query) =>
        new(query, ["portal", "mcp"], DateTimeOffset.UnixEpoch, DateTimeOffset.Parse("2100-01-01T00:00:00Z"), Limit: 50);

    private void RunsToAnEnd(string query)
    {
        var request = Request(query);
        LogsQuery parsed;
        try
        {
            parsed = LocalLogEngine.Prepare(request);
        }
        catch (LogsQueryException)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(RunTimeout);
        var diagnostics = new EngineDiagnostics();
        var run = Task.Run(() => new LocalLogEngine(_logs.Directory, Limits).Run(parsed, request, null, timeout.Token, diagnostics));
        var ended = Task.WhenAny(run, Task.Delay(Watchdog)).GetAwaiter().GetResult() == run;
        Assert.True(ended, $"the run did not end within {Watchdog.TotalSeconds} s of its {RunTimeout.TotalSeconds} s timeout");
        Ended(run, timeout);
        Assert.InRange(diagnostics.GroupsHeld, 0, Limits.MaxGroups);
        Assert.InRange(diagnostics.SortRowsHeld, 0, 50);
    }

    /// <summary>Waits, and turns the run's outcome into an assertion: a result, a documented refusal, or the timeout.</summary>
    private static void Ended(Task<LogsQueryResult> run, CancellationTokenSource timeout)
    {
        try
        {
            var result = run.GetAwaiter().GetResult();
            Assert.InRange(result.Rows.Count, 0, 50);
        }
        catch (LogsQueryException e)
        {
            Assert.Contains(e.Code, Refusals);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }
    }

    /// <summary>portal: the odd-line corpus, 500 random odd lines and the recorded sample; mcp: the sample.</summary>
    public sealed class OddLogs : IDisposable
    {
        public OddLogs()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("autri-fuzz-").FullName;
            var random = new Random(20261121);
            using (var portal = File.Create(Path.Combine(Directory, "portal.jsonl")))
            {
                foreach (var line in OddLines.Corpus().Concat(Enumerable.Range(0, 500).Select(_ => OddLines.Random(random))))
                {
                    portal.Write(line);
                    portal.WriteByte((byte)'\n');
                }
                portal.Write(File.ReadAllBytes(Path.Combine(LogSample.Directory, "portal.jsonl")));
            }
            File.Copy(Path.Combine(LogSample.Directory, "mcp.jsonl"), Path.Combine(Directory, "mcp.jsonl"));
        }

        public string Directory { get; }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
