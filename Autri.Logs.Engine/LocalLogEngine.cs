using System.Text;
using Autri.Domain.Logs;
using Autri.Logs.Engine.Execution;
using Autri.Logs.Engine.Parsing;

namespace Autri.Logs.Engine;

/// <summary>
/// Runs Logs Insights queries over the JSON-lines files the apps write in local mode, returning what
/// GetQueryResults would. Files are streamed line by line; memory holds only stats groups, the sort buffer
/// (bounded by the result limit) and the result rows. Each line is one event: its JSON fields (nested ones
/// with dotted names), <c>@timestamp</c> from <c>time</c> (or the previous event's time), <c>@message</c> (the raw
/// line), <c>@log</c> (the logical group), <c>@logStream</c> (the file name) and <c>@ptr</c> (an opaque id).
/// A line that is not a JSON object is counted and skipped.
/// </summary>
public sealed class LocalLogEngine(string directory)
{
    private const int ProgressEvery = 50_000;
    private const int CancellationCheckEvery = 4_096;

    public string Directory { get; } = directory;

    /// <exception cref="LogsQueryException">
    /// InvalidParameterException or MalformedQueryException for a bad request; NotSupportedLocally for
    /// commands or functions only AWS runs.
    /// </exception>
    /// <exception cref="OperationCanceledException">When <paramref name="ct"/> is cancelled.</exception>
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
        var scan = new Scan(request, progress, ct);
        QueryPlan plan;
        try
        {
            plan = QueryPlan.Build(query, request.EffectiveLimit, scan.FillPtr, diagnostics);
        }
        catch (LocalQueryNotSupported e)
        {
            throw new LogsQueryException(LogsQueryException.NotSupportedLocally, "The local engine cannot run this query: " + e.Message, e);
        }
        scan.Attach(plan);
        diagnostics.Watch(plan.Sink, plan.Columns);

        foreach (var group in request.LogGroups.Distinct(StringComparer.Ordinal))
            foreach (var file in LocalLogFiles.For(Directory, group))
                scan.ReadFile(group, file);

        plan.First.Finish();
        var statistics = scan.Statistics(plan.Counter.Matched);
        progress?.Report(statistics);
        return new LogsQueryResult(plan.Columns, plan.Sink.Rows, statistics);
    }

    /// <summary>The per-run reading state: current file and line (for @ptr), counters, the reused event row.</summary>
    private sealed class Scan(LogsQueryRequest request, IProgress<LogsQueryStatistics>? progress, CancellationToken ct)
    {
        private readonly long _start = request.Start.ToUnixTimeMilliseconds();
        private readonly long _end = request.End.ToUnixTimeMilliseconds();
        private QueryPlan _plan = null!;
        private JsonFieldReader _reader = null!;
        private Value[] _row = [];
        private string _group = "";
        private string _stream = "";
        private long _lineNumber;
        private double _lastTime;
        private long _scanned;
        private long _bytes;
        private long _malformed;
        private long _lines;

        public void Attach(QueryPlan plan)
        {
            _plan = plan;
            _reader = new JsonFieldReader(plan.LogFields);
            _row = new Value[plan.Slots.Count];
        }

        public void FillPtr(Value[] row)
        {
            if (!row[_plan.Slots.Ptr].IsMissing) return;
            var id = Encoding.UTF8.GetBytes($"{_group}/{_stream}:{_lineNumber}");
            row[_plan.Slots.Ptr] = Value.Of(Convert.ToBase64String(id).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        }

        public LogsQueryStatistics Statistics(long matched) => new(matched, _scanned, _bytes, _malformed);

        public void ReadFile(string group, string path)
        {
            _group = group;
            _stream = Path.GetFileName(path);
            _lineNumber = 0;
            _lastTime = new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeMilliseconds();
            var slots = _plan.Slots;
            var log = Value.Of(group);
            var logStream = Value.Of(_stream);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            LineReader.ReadLines(stream, line =>
            {
                _lineNumber++;
                if (++_lines % CancellationCheckEvery == 0) ct.ThrowIfCancellationRequested();
                if (_lines % ProgressEvery == 0) progress?.Report(Statistics(_plan.Counter.Matched));
                if (line.Trim(" \t"u8).IsEmpty) return;

                Array.Clear(_row);
                if (!_reader.TryRead(line, _row, out var time))
                {
                    _malformed++;
                    return;
                }
                // A line without a usable time keeps its place in the file: it takes the previous event's time.
                var timestamp = time?.ToUnixTimeMilliseconds() ?? _lastTime;
                _lastTime = timestamp;
                if (timestamp < _start || timestamp >= _end) return;

                _scanned++;
                _bytes += line.Length + 1;
                _row[slots.Timestamp] = Value.Timestamp(timestamp);
                _row[slots.Log] = log;
                _row[slots.LogStream] = logStream;
                if (_plan.NeedsMessage) _row[slots.Message] = Value.Of(Encoding.UTF8.GetString(line));
                _plan.First.Push(_row);
            });
            ct.ThrowIfCancellationRequested();
        }
    }
}
