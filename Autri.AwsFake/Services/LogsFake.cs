using System.Text.Json.Nodes;
using Autri.AwsFake.Model;
using Autri.AwsFake.Wire;

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
/// LimitExceededException, as AWS's concurrency quota. Query definitions and log groups are stored.
/// </summary>
public sealed class LogsFake(ServiceModel model, AwsFakeServer server) : IFakeService
{
    private static readonly HashSet<string> Unfinished = ["Scheduled", "Running"];

    private readonly object _gate = new();
    private readonly Queue<QueryPoll[]> _scripts = new();
    private readonly Dictionary<string, RunningQuery> _queries = [];
    private readonly List<StartedQuery> _started = [];
    private readonly SortedDictionary<string, (long Retention, long Created)> _logGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _definitions = [];

    public ServiceModel Model { get; } = model;

    public int MaxConcurrentQueries { get; set; } = 30;

    /// <summary>Returns an error text for a query string Logs Insights would not compile (MalformedQueryException), or null.</summary>
    public Func<string, string?> QueryCompiler { get; set; } = _ => null;

    public IReadOnlyList<StartedQuery> Started
    {
        get { lock (_gate) return _started.ToList(); }
    }

    public void AddLogGroup(string name, int retentionInDays = 30)
    {
        lock (_gate) _logGroups[name] = (retentionInDays, server.Time.GetUtcNow().ToUnixTimeMilliseconds());
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
                "DescribeQueries" => DescribeQueries(r),
                "DescribeLogGroups" => DescribeLogGroups(r),
                "PutQueryDefinition" => PutDefinition(r),
                "DescribeQueryDefinitions" => DescribeDefinitions(r),
                "DeleteQueryDefinition" => DeleteDefinition(r),
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
            if (!_logGroups.ContainsKey(g.Split(':').Length > 6 ? g.Split(':')[6] : g))
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
        _queries[id] = new RunningQuery(_scripts.Count > 0 ? _scripts.Dequeue() : [new QueryPoll("Complete")], queryString, groups.FirstOrDefault(), r.Now);
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

    private JsonNode DescribeQueries(FakeRequest r)
    {
        var status = r.Body.Str("status");
        var group = r.Body.Str("logGroupName");
        var all = _queries.Where(q => (status is null || q.Value.Status == status) && (group is null || q.Value.LogGroup == group)).ToList();
        var max = (int)(r.Body.Long("maxResults") ?? 1000);
        var offset = Json.ReadToken(r.Body.Str("nextToken"), $"queries:{status}:{group}", "InvalidParameterException");
        var page = all.Skip(offset).Take(max).Select(q => (JsonNode)new JsonObject
        {
            ["queryLanguage"] = "CWLI",
            ["queryId"] = q.Key,
            ["queryString"] = q.Value.QueryString,
            ["status"] = q.Value.Status,
            ["createTime"] = q.Value.Created.ToUnixTimeMilliseconds(),
            ["logGroupName"] = q.Value.LogGroup,
        }).ToArray();
        var result = new JsonObject { ["queries"] = new JsonArray(page) };
        if (offset + max < all.Count) result["nextToken"] = Json.Token(offset + max, $"queries:{status}:{group}");
        return result;
    }

    private JsonNode DescribeLogGroups(FakeRequest r)
    {
        var prefix = r.Body.Str("logGroupNamePrefix");
        var pattern = r.Body.Str("logGroupNamePattern");
        if (prefix is not null && pattern is not null)
            throw new AwsFakeException("InvalidParameterException", "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
        var all = _logGroups
            .Where(g => prefix is null || g.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Where(g => pattern is null || g.Key.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var max = (int)(r.Body.Long("limit") ?? 50);
        var scope = $"groups:{prefix}:{pattern}";
        var offset = Json.ReadToken(r.Body.Str("nextToken"), scope, "InvalidParameterException");
        var page = all.Skip(offset).Take(max).Select(g => (JsonNode)new JsonObject
        {
            ["logGroupName"] = g.Key,
            ["creationTime"] = g.Value.Created,
            ["retentionInDays"] = g.Value.Retention,
            ["metricFilterCount"] = 0,
            ["arn"] = $"arn:aws:logs:{server.Region}:{server.AccountId}:log-group:{g.Key}:*",
            ["storedBytes"] = 0,
            ["logGroupClass"] = "STANDARD",
            ["logGroupArn"] = $"arn:aws:logs:{server.Region}:{server.AccountId}:log-group:{g.Key}",
        }).ToArray();
        var result = new JsonObject { ["logGroups"] = new JsonArray(page) };
        if (offset + max < all.Count) result["nextToken"] = Json.Token(offset + max, scope);
        return result;
    }

    private JsonNode PutDefinition(FakeRequest r)
    {
        var b = r.Body;
        var id = b.Str("queryDefinitionId");
        if (id is not null && !_definitions.ContainsKey(id))
            throw new AwsFakeException("ResourceNotFoundException", $"Query definition {id} does not exist.");
        id ??= Guid.NewGuid().ToString();
        var d = new JsonObject
        {
            ["queryLanguage"] = b.Str("queryLanguage") ?? "CWLI",
            ["queryDefinitionId"] = id,
            ["name"] = b.Str("name"),
            ["queryString"] = b.Str("queryString"),
            ["lastModified"] = r.Now.ToUnixTimeMilliseconds(),
            ["logGroupNames"] = Json.Array(b.Strings("logGroupNames")),
        };
        if (b.Node("parameters") is { } parameters) d["parameters"] = parameters;
        _definitions[id] = d;
        return new JsonObject { ["queryDefinitionId"] = id };
    }

    private JsonNode DescribeDefinitions(FakeRequest r)
    {
        var prefix = r.Body.Str("queryDefinitionNamePrefix");
        var all = _definitions.Values
            .Where(d => prefix is null || d["name"]!.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(d => d["name"]!.GetValue<string>(), StringComparer.Ordinal)
            .ToList();
        var max = (int)(r.Body.Long("maxResults") ?? 1000);
        var scope = "definitions:" + prefix;
        var offset = Json.ReadToken(r.Body.Str("nextToken"), scope, "InvalidParameterException");
        var result = new JsonObject { ["queryDefinitions"] = new JsonArray(all.Skip(offset).Take(max).Select(d => d.DeepClone()).ToArray()) };
        if (offset + max < all.Count) result["nextToken"] = Json.Token(offset + max, scope);
        return result;
    }

    private JsonNode DeleteDefinition(FakeRequest r)
    {
        var id = r.Body.Str("queryDefinitionId")!;
        if (!_definitions.Remove(id)) throw new AwsFakeException("ResourceNotFoundException", $"Query definition {id} does not exist.");
        return new JsonObject { ["success"] = true };
    }

    private RunningQuery QueryOf(FakeRequest r) =>
        _queries.GetValueOrDefault(r.Body.Str("queryId")!)
        ?? throw new AwsFakeException("ResourceNotFoundException", "Query does not exist.");

    private sealed class RunningQuery(QueryPoll[] script, string queryString, string? logGroup, DateTimeOffset created)
    {
        private int _next;
        private QueryPoll? _last;

        public string QueryString { get; } = queryString;
        public string? LogGroup { get; } = logGroup;
        public DateTimeOffset Created { get; } = created;
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
