namespace Autri.Logs.Engine;

/// <summary>
/// Runs Logs Insights queries over the JSON-lines files the apps write in local mode, returning what
/// GetQueryResults would. Files are streamed line by line; memory holds only stats groups, the sort buffer
/// (bounded by the result limit) and the result rows. Each line is one event: its JSON fields (nested ones
/// with dotted names), <c>@timestamp</c> from <c>time</c> (or the previous event's time), <c>@message</c> (the raw
/// line), <c>@log</c> (the logical group), <c>@logStream</c> (the file name) and <c>@ptr</c> (an opaque id).
/// A line that is not a JSON object is counted and skipped; so is a line longer than
/// <see cref="LocalEngineLimits.MaxLineBytes"/>, and stats or dedup hold at most <see cref="LocalEngineLimits.MaxGroups"/>
/// groups (the statistics say when either cap was reached).
/// </summary>
public sealed class LocalLogEngine(string directory, LocalEngineLimits? limits = null)
{
    private const int ProgressEvery = 50_000;

    public string Directory { get; } = directory;

    public LocalEngineLimits Limits { get; } = (limits ?? LocalEngineLimits.Default).Checked();

    /// <exception cref="LogsQueryException">
    /// InvalidParameterException or MalformedQueryException for a bad request; NotSupportedLocally for
    /// commands or functions only AWS runs.
    /// </exception>
    /// <exception cref="OperationCanceledException">When <paramref name="ct"/> is cancelled.</exception>
    /// <exception cref="LogsQueryException"><see cref="LogsQueryException.RegexTimeout"/> when a regular expression takes too long on one line.</exception>
    public LogsQueryResult Run(LogsQueryRequest request, IProgress<LogsQueryStatistics>? progress = null, CancellationToken ct = default) =>
        Run(Prepare(request), request, progress, ct, new EngineDiagnostics());

    /// <summary>Validates the request and checks the local engine can run it, without reading any file.</summary>
    public static LogsQuery Prepare(LogsQueryRequest request)
    {
        var query = LogsQueryRequestValidator.Validate(request);
        if (!query.RunsLocally)
            throw new LogsQueryException(LogsQueryException.NotSupportedLocally,
                "The local engine cannot run this query: " + string.Join("; ", query.Notices.Select(n => $"{n.Position}: {n.Message}")));
        var invalid = request.LogGroups.FirstOrDefault(g => !LocalLogFiles.IsValidGroupName(g));
        if (invalid is not null) throw new LogsQueryException("InvalidParameterException", $"'{invalid}' is not a valid local log group name");
        return query;
    }

    /// <summary>Runs a query <see cref="Prepare"/> accepted; <paramref name="diagnostics"/> shows the rows so far while it runs.</summary>
    public LogsQueryResult Run(
        LogsQuery query, LogsQueryRequest request, IProgress<LogsQueryStatistics>? progress, CancellationToken ct, EngineDiagnostics diagnostics)
    {
        var scan = new Scan(request, Limits, progress, ct);
        QueryPlan plan;
        try
        {
            plan = QueryPlan.Build(query, request.EffectiveLimit, Limits.RegexTimeout, scan.Groups, scan.FillPtr, diagnostics);
        }
        catch (LocalQueryNotSupported e)
        {
            throw new LogsQueryException(LogsQueryException.NotSupportedLocally, "The local engine cannot run this query: " + e.Message, e);
        }
        scan.Attach(plan);
        diagnostics.Watch(plan.Sink, plan.Columns);

        try
        {
            foreach (var group in request.LogGroups.Distinct(StringComparer.Ordinal))
                foreach (var file in LocalLogFiles.For(Directory, group))
                    scan.ReadFile(group, file);
            plan.First.Finish();
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new LogsQueryException(LogsQueryException.RegexTimeout,
                $"The regular expression /{e.Pattern}/ took longer than {e.MatchTimeout.TotalSeconds:0.#} s on one log line ({scan.Where}), " +
                "so the query was stopped. Simplify it: nested repetition such as (a+)+ or (.*)* can take exponential time.", e);
        }
        var statistics = scan.Statistics(plan.Counter.Matched);
        progress?.Report(statistics);
        return new LogsQueryResult(plan.Columns, plan.Sink.Rows, statistics);
    }

    /// <summary>The per-run reading state: current file and line (for @ptr), counters, the reused event row.</summary>
    private sealed class Scan(LogsQueryRequest request, LocalEngineLimits limits, IProgress<LogsQueryStatistics>? progress, CancellationToken ct)
    {
        private readonly long _start = request.Start.ToUnixTimeMilliseconds();
        private readonly long _end = request.End.ToUnixTimeMilliseconds();
        private QueryPlan _plan = null!;
        private JsonFieldReader _reader = null!;

        // Filter first: the leading filters' fields, then the rest only for lines that pass (null: one reading).
        private JsonFieldReader? _filterReader;
        private JsonFieldReader? _otherReader;
        private int _sampled;
        private int _passed;
        private const int FilterFirstSample = 4096;
        private Value[] _row = [];
        private string _group = "";
        private string _stream = "";
        private long _lineNumber;
        private double _lastTime;
        private long _scanned;
        private long _bytes;
        private long _malformed;
        private long _lines;
        private long _tooLong;
        private Value _log;
        private Value _logStream;

        public GroupCap Groups { get; } = new(limits.MaxGroups);

        /// <summary>The line being read, for messages: group/file line N.</summary>
        public string Where => $"{_group}/{_stream} line {_lineNumber}";

        public void Attach(QueryPlan plan)
        {
            _plan = plan;
            _reader = new JsonFieldReader(plan.LogFields);
            _row = new Value[plan.Slots.Count];
            if (plan.LeadingFilters.Length > 0 && plan.OtherFields.Count > 0)
            {
                _filterReader = new JsonFieldReader(plan.FilterFields);
                _otherReader = new JsonFieldReader(plan.OtherFields);
            }
        }

        public void FillPtr(Value[] row)
        {
            if (!row[_plan.Slots.Ptr].IsMissing) return;
            var id = Encoding.UTF8.GetBytes($"{_group}/{_stream}:{_lineNumber}");
            row[_plan.Slots.Ptr] = Value.Of(Convert.ToBase64String(id).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        }

        public LogsQueryStatistics Statistics(long matched) => new(matched, _scanned, _bytes, _malformed, LimitsHit());

        private LogsQueryLimitsHit? LimitsHit() => Groups.Reached || _tooLong > 0
            ? new LogsQueryLimitsHit(Groups.Reached ? Groups.Max : 0, Groups.EventsLeftOut, limits.MaxLineBytes, _tooLong)
            : null;

        public void ReadFile(string group, string path)
        {
            _group = group;
            _stream = Path.GetFileName(path);
            _lineNumber = 0;
            _lastTime = new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeMilliseconds();
            _log = Value.Of(group);
            _logStream = Value.Of(_stream);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            LineReader.ReadLines(stream, limits.MaxLineBytes, ReadLine, SkipLongLine);
            ct.ThrowIfCancellationRequested();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ReadLine(ReadOnlySpan<byte> line)
        {
            _lineNumber++;
            // Every line: a query must stop soon after its timeout, however slow each line is to evaluate.
            ct.ThrowIfCancellationRequested();
            if (++_lines % ProgressEvery == 0) progress?.Report(Statistics(_plan.Counter.Matched));
            if (line.IsEmpty || (line[0] != '{' && line.Trim(" \t"u8).IsEmpty)) return;

            var row = _row;
            Array.Clear(row);
            if (!(_filterReader ?? _reader).TryRead(line, row, out var time))
            {
                _malformed++;
                return;
            }
            // A line without a usable time keeps its place in the file: it takes the previous event's time.
            var timestamp = time ?? _lastTime;
            _lastTime = timestamp;
            if (timestamp < _start || timestamp >= _end) return;

            _scanned++;
            _bytes += line.Length + 1;
            var slots = _plan.Slots;
            row[slots.Timestamp] = Value.Timestamp(timestamp);
            row[slots.Log] = _log;
            row[slots.LogStream] = _logStream;
            if (_plan.NeedsMessage) row[slots.Message] = Value.Of(Encoding.UTF8.GetString(line));
            if (_filterReader is null)
            {
                _plan.First.Push(row);
                return;
            }
            var passes = PassesLeadingFilters(row);
            if (passes)
            {
                _otherReader!.TryRead(line, row, out _);
                _plan.AfterLeadingFilters.Push(row);
            }
            if (_sampled < FilterFirstSample)
            {
                if (passes) _passed++;
                // Reading a line twice pays only when most lines fail the filters; otherwise read each line once.
                if (++_sampled == FilterFirstSample && _passed * 2 > FilterFirstSample) _filterReader = null;
            }
        }

        private bool PassesLeadingFilters(Value[] row)
        {
            foreach (var filter in _plan.LeadingFilters)
                if (!filter.Passes(row)) return false;
            return true;
        }

        private void SkipLongLine()
        {
            _lineNumber++;
            _tooLong++;
        }
    }
}
