namespace Autri.AwsFake.Services;

/// <summary>One answer of GetQueryResults in a scripted sequence. Rows are field → value (every value a string, as AWS sends).</summary>
public sealed record QueryPoll(
    string Status,
    IReadOnlyList<IReadOnlyDictionary<string, string>>? Rows = null,
    double RecordsMatched = 0,
    double RecordsScanned = 0,
    double BytesScanned = 0);

/// <summary>A query StartQuery accepted, as the fake saw it.</summary>
public sealed record StartedQuery(string QueryId, string QueryString, IReadOnlyList<string> LogGroups, long StartTime, long EndTime, long? Limit);

/// <summary>
/// CloudWatch Logs Insights: StartQuery hands out a queryId and takes the next scripted sequence of
/// GetQueryResults answers (<see cref="EnqueueScript"/>; by default one "Complete" with no rows); each poll moves
/// one step and then stays on the last. More than <see cref="MaxConcurrentQueries"/> unfinished queries →
/// LimitExceededException, as AWS's concurrency quota. Log groups exist only as names StartQuery checks.
/// </summary>
public sealed class LogsFake(ServiceModel model, AwsFakeServer server) : IFakeService
{
    private static readonly HashSet<string> Unfinished = ["Scheduled", "Running"];

    private readonly object _gate = new();
    private readonly Queue<QueryPoll[]> _scripts = new();
    private readonly Dictionary<string, RunningQuery> _queries = [];
    private readonly List<StartedQuery> _started = [];
    private readonly HashSet<string> _logGroups = new(StringComparer.Ordinal);

    public ServiceModel Model { get; } = model;

    public int MaxConcurrentQueries { get; set; } = 30;

    /// <summary>Returns an error text for a query string Logs Insights would not compile (MalformedQueryException), or null.</summary>
    public Func<string, string?> QueryCompiler { get; set; } = _ => null;

    public IReadOnlyList<StartedQuery> Started
    {
        get { lock (_gate) return _started.ToList(); }
    }

    public void AddLogGroup(string name)
    {
        lock (_gate) _logGroups.Add(name);
    }

    /// <summary>The GetQueryResults answers for the next query started.</summary>
    public void EnqueueScript(params QueryPoll[] polls)
    {
        if (polls.Length == 0) throw new ArgumentException("A script needs at least one poll", nameof(polls));
        lock (_gate) _scripts.Enqueue(polls);
    }

    public JsonNode? Handle(FakeRequest r)
    {
        lock (_gate)
        {
            return r.Operation switch
            {
                "StartQuery" => Start(r),
                "GetQueryResults" => Results(r),
                "StopQuery" => Stop(r),
                _ => throw new AwsFakeException("UnsupportedByFake", $"The fake does not implement {r.Operation}"),
            };
        }
    }

    private JsonNode Start(FakeRequest r)
    {
        var b = r.Body;
        var groups = new List<string>();
        var ways = 0;
        if (b.Str("logGroupName") is { } one) { groups.Add(one); ways++; }
        if (b.TryGetProperty("logGroupNames", out _)) { groups.AddRange(b.Strings("logGroupNames")); ways++; }
        if (b.TryGetProperty("logGroupIdentifiers", out _)) { groups.AddRange(b.Strings("logGroupIdentifiers")); ways++; }
        if (ways != 1 || groups.Count == 0)
            throw new AwsFakeException("InvalidParameterException", "Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be given, with at least one log group.");
        if (groups.Count > 50) throw new AwsFakeException("InvalidParameterException", "A query can search at most 50 log groups.");
        foreach (var g in groups)
            if (!_logGroups.Contains(g.Split(':').Length > 6 ? g.Split(':')[6] : g))
                throw new AwsFakeException("ResourceNotFoundException", $"Log group '{g}' does not exist for account ID '{server.AccountId}'");
        var start = b.Long("startTime")!.Value;
        var end = b.Long("endTime")!.Value;
        if (end < start) throw new AwsFakeException("InvalidParameterException", "endTime must be greater than or equal to startTime");
        var queryString = b.Str("queryString")!;
        if (QueryCompiler(queryString) is { } compileError)
            throw new AwsFakeException("MalformedQueryException", compileError);
        if (_queries.Values.Count(q => q.IsUnfinished) >= MaxConcurrentQueries)
            throw new AwsFakeException("LimitExceededException", "Account maximum query concurrency limit of [" + MaxConcurrentQueries + "] reached.");
        var id = Guid.NewGuid().ToString();
        _queries[id] = new RunningQuery(_scripts.Count > 0 ? _scripts.Dequeue() : [new QueryPoll("Complete")]);
        _started.Add(new StartedQuery(id, queryString, groups, start, end, b.Long("limit")));
        return new JsonObject { ["queryId"] = id };
    }

    private JsonNode Results(FakeRequest r)
    {
        var q = QueryOf(r);
        var poll = q.Next();
        return new JsonObject
        {
            ["queryLanguage"] = "CWLI",
            ["results"] = new JsonArray((poll.Rows ?? []).Select(row => (JsonNode)new JsonArray(
                row.Select(kv => (JsonNode)new JsonObject { ["field"] = kv.Key, ["value"] = kv.Value }).ToArray())).ToArray()),
            ["statistics"] = new JsonObject
            {
                ["recordsMatched"] = poll.RecordsMatched,
                ["recordsScanned"] = poll.RecordsScanned,
                ["bytesScanned"] = poll.BytesScanned,
            },
            ["status"] = poll.Status,
        };
    }

    // StopQuery on a query that already finished answers success=false (the fake's reading of the docs).
    private JsonNode Stop(FakeRequest r)
    {
        var q = QueryOf(r);
        if (!q.IsUnfinished) return new JsonObject { ["success"] = false };
        q.Cancel();
        return new JsonObject { ["success"] = true };
    }

    private RunningQuery QueryOf(FakeRequest r) =>
        _queries.GetValueOrDefault(r.Body.Str("queryId")!)
        ?? throw new AwsFakeException("ResourceNotFoundException", "Query does not exist.");

    private sealed class RunningQuery(QueryPoll[] script)
    {
        private int _next;
        private QueryPoll? _last;

        public string Status => _last?.Status ?? "Scheduled";
        public bool IsUnfinished => Unfinished.Contains(Status);

        public QueryPoll Next()
        {
            if (_last is { Status: "Cancelled" }) return _last;
            _last = script[Math.Min(_next, script.Length - 1)];
            _next++;
            return _last;
        }

        public void Cancel() => _last = (_last ?? new QueryPoll("Cancelled")) with { Status = "Cancelled" };
    }
}
