namespace Autri.Logs.Engine.Execution;

/// <summary>
/// A parsed query compiled into a chain of stages over slot-indexed rows, plus what the scanner must read
/// from each log line. Result columns follow the query: fields/display as written, stats' by-expressions then
/// aggregations, or @timestamp and @message when nothing chose columns.
/// </summary>
internal sealed class QueryPlan
{
    private QueryPlan(
        FieldSlots slots, List<Stage> stages, int leadingFilters, ResultSink sink, MatchCounterStage counter,
        IReadOnlyList<string> columns, IReadOnlyList<(string Name, int Slot)> logFields, HashSet<string> filterFields, bool needsMessage)
    {
        Slots = slots;
        First = stages[0];
        LeadingFilters = [.. stages.Take(leadingFilters).Cast<FilterStage>()];
        AfterLeadingFilters = stages[leadingFilters];
        Sink = sink;
        Counter = counter;
        Columns = columns;
        LogFields = logFields;
        FilterFields = [.. logFields.Where(f => leadingFilters > 0 && filterFields.Contains(f.Name))];
        OtherFields = [.. logFields.Except(FilterFields)];
        NeedsMessage = needsMessage;
    }

    public FieldSlots Slots { get; }

    public Stage First { get; }

    public ResultSink Sink { get; }

    public MatchCounterStage Counter { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Fields to take from each JSON line (dotted names for nested objects) and where to put them.</summary>
    public IReadOnlyList<(string Name, int Slot)> LogFields { get; }

    public bool NeedsMessage { get; }

    /// <summary>
    /// The filters the query starts with (a leading <c>fields</c> that only chooses columns aside), which read only
    /// <see cref="FilterFields"/>: the scanner may test them before it reads <see cref="OtherFields"/>, so the
    /// lines they drop never pay for the rest (a message, a request id).
    /// </summary>
    public FilterStage[] LeadingFilters { get; }

    /// <summary>Where a line that passed <see cref="LeadingFilters"/> goes next.</summary>
    public Stage AfterLeadingFilters { get; }

    public IReadOnlyList<(string Name, int Slot)> FilterFields { get; }

    public IReadOnlyList<(string Name, int Slot)> OtherFields { get; }

    /// <param name="fillPtr">Sets @ptr on a row about to be kept (only rows kept pay for building it).</param>
    /// <exception cref="LocalQueryNotSupported">For commands or functions only AWS runs.</exception>
    public static QueryPlan Build(
        LogsQuery query, int resultLimit, TimeSpan regexTimeout, GroupCap groupCap, Action<Value[]> fillPtr, EngineDiagnostics diagnostics)
    {
        var slots = new FieldSlots();
        var stages = new List<Stage>();
        List<string>? visible = null;
        var afterStats = false;
        int? sourceFieldCount = null;
        var counter = new MatchCounterStage();
        var commands = query.Commands;
        var leading = true;
        var leadingFilters = 0;
        var filterFields = new HashSet<string>(StringComparer.Ordinal);

        for (var index = 0; index < commands.Count; index++)
        {
            var compiler = new ExpressionCompiler(slots, regexTimeout, afterStats ? e => StatsColumn(e, slots) : null);
            var stagesBefore = stages.Count;
            switch (commands[index])
            {
                case FieldsCommand fields:
                    // "fields a" only chooses a column: a field assigned to itself needs no stage.
                    var assignments = fields.Fields
                        .Where(f => f.Expression is not FieldExpression field || field.Name != f.OutputName)
                        .Select(f => (Slot: slots.Get(f.OutputName), Value: compiler.Compile(f.Expression)))
                        .ToList();
                    foreach (var field in fields.Fields) slots.Get(field.OutputName);
                    if (assignments.Count > 0) stages.Add(new AssignStage([.. assignments]));
                    visible ??= [];
                    foreach (var field in fields.Fields)
                        if (!visible.Contains(field.OutputName)) visible.Add(field.OutputName);
                    break;
                case FilterCommand filter:
                    stages.Add(new FilterStage(compiler.Compile(filter.Condition)));
                    break;
                case ParseCommand parse:
                    var source = compiler.Compile(parse.Source);
                    var regex = parse.IsRegex ? ExpressionCompiler.CompileRegex(parse.Pattern, regexTimeout) : GlobToRegex(parse.Pattern, regexTimeout);
                    var groups = parse.IsRegex ? parse.Names.ToArray() : parse.Names.Select((_, i) => "g" + i).ToArray();
                    stages.Add(new ParseStage(source, regex, groups.Select((g, i) => (g, slots.Get(parse.Names[i]))).ToArray()));
                    break;
                case StatsCommand stats:
                    if (!afterStats) stages.Add(counter);
                    stages.Add(BuildStats(stats, slots, compiler, groupCap, diagnostics, out var statsColumns, ref sourceFieldCount));
                    visible = statsColumns;
                    afterStats = true;
                    break;
                case SortCommand sort:
                    if (!afterStats && !stages.Contains(counter)) stages.Add(counter);
                    var keys = sort.Keys.Select(k => compiler.Compile(k.Expression)).ToArray();
                    var descending = sort.Keys.Select(k => k.Descending).ToArray();
                    stages.Add(new SortStage(keys, descending, SortCapacity(commands, index, resultLimit), fillPtr, diagnostics));
                    break;
                case LimitCommand limit:
                    stages.Add(new LimitStage(limit.Count));
                    break;
                case DisplayCommand display:
                    foreach (var field in display.Fields) slots.Get(field.Name);
                    visible = display.Fields.Select(f => f.Name).Distinct().ToList();
                    break;
                case DedupCommand dedup:
                    stages.Add(new DedupStage(dedup.Fields.Select(f => slots.Get(f.Name)).ToArray(), groupCap, diagnostics));
                    break;
                default:
                    throw new LocalQueryNotSupported($"the local engine cannot run the command {commands[index].Name}");
            }
            if (leading && commands[index] is FilterCommand leadingFilter)
            {
                leadingFilters++;
                foreach (var node in QueryWalk.Nodes(leadingFilter.Condition))
                    if (node is FieldExpression field) filterFields.Add(field.Name);
            }
            else if (stages.Count > stagesBefore) leading = false;
        }
        if (!stages.Contains(counter)) stages.Add(counter);

        var columns = (IReadOnlyList<string>?)visible ?? [FieldSlots.TimestampField, FieldSlots.MessageField];
        var columnSlots = columns.Select(slots.Get).ToArray();
        var sink = new ResultSink(columns, columnSlots, slots.Ptr, includePtr: !afterStats, resultLimit, fillPtr);
        stages.Add(sink);
        for (var i = 0; i + 1 < stages.Count; i++) stages[i].Next = stages[i + 1];

        var sourceCount = sourceFieldCount ?? slots.Count;
        var logFields = slots.Names.Take(sourceCount)
            .Select((name, slot) => (name, slot))
            .Where(f => FieldSlots.IsLogField(f.name))
            .ToList();
        var needsMessage = ReadsMessage(query, columns, afterStats);
        return new QueryPlan(slots, stages, leadingFilters, sink, counter, columns, logFields, filterFields, needsMessage);
    }

    private static StatsStage BuildStats(
        StatsCommand stats, FieldSlots slots, ExpressionCompiler compiler, GroupCap groupCap, EngineDiagnostics diagnostics,
        out List<string> columns, ref int? sourceFieldCount)
    {
        var groupBy = stats.GroupBy.Select(g => compiler.Compile(g.Expression)).ToArray();
        var calls = new List<CallExpression>();
        var outputs = new List<(NamedExpression Item, Evaluator Value)>();
        foreach (var item in stats.Aggregations)
        {
            var itemCompiler = new ExpressionCompiler(slots, compiler.RegexTimeout, e =>
            {
                if (e is not CallExpression call || !KnownFunctions.IsAggregate(call.Name)) return null;
                var index = calls.Count;
                calls.Add(call);
                return results => results[index];
            });
            outputs.Add((item, itemCompiler.Compile(item.Expression)));
        }
        var factories = calls.Select(c => new AggregateFactory(c, compiler, slots.Timestamp)).ToArray();
        // Everything named so far may come from the log line; names from here on are stats results.
        sourceFieldCount ??= slots.Count;

        columns = [];
        var groupSlots = new int[groupBy.Length];
        for (var i = 0; i < groupBy.Length; i++)
        {
            groupSlots[i] = slots.Get(stats.GroupBy[i].OutputName);
            columns.Add(stats.GroupBy[i].OutputName);
        }
        var outputSlots = outputs.Select(o => (slots.Get(o.Item.OutputName), o.Value)).ToArray();
        columns.AddRange(outputs.Select(o => o.Item.OutputName));
        return new StatsStage(groupBy, groupSlots, factories, outputSlots, slots, groupCap, diagnostics);
    }

    // After stats, "sort count(*) desc" names the result column count(*).
    private static Evaluator? StatsColumn(QueryExpression expression, FieldSlots slots)
    {
        if (expression is not CallExpression call || !KnownFunctions.IsAggregate(call.Name)) return null;
        if (!slots.TryGet(call.Text, out var slot))
            throw new LocalQueryNotSupported($"{call.Text} is not a column of the stats result; give it a name with as");
        return row => row[slot];
    }

    // A sort only has to keep the rows that can still be returned: the result limit, or a limit that follows
    // with nothing in between that drops or regroups rows.
    private static int SortCapacity(IReadOnlyList<QueryCommand> commands, int sortIndex, int resultLimit)
    {
        var capacity = resultLimit;
        for (var i = sortIndex + 1; i < commands.Count; i++)
        {
            switch (commands[i])
            {
                case LimitCommand limit:
                    capacity = Math.Min(capacity, limit.Count);
                    break;
                case FieldsCommand or DisplayCommand or ParseCommand:
                    break;
                default:
                    return capacity;
            }
        }
        return capacity;
    }

    // A glob's stars capture lazily, except a last star that ends the pattern, which takes the rest.
    private static Regex GlobToRegex(string glob, TimeSpan timeout)
    {
        var parts = glob.Split('*');
        var pattern = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            pattern.Append(Regex.Escape(parts[i]));
            if (i == parts.Length - 1) break;
            var last = i == parts.Length - 2 && parts[^1].Length == 0;
            pattern.Append($"(?<g{i}>{(last ? ".*" : ".*?")})");
        }
        return ExpressionCompiler.CompileRegex(pattern.ToString(), timeout);
    }

    private static bool ReadsMessage(LogsQuery query, IReadOnlyList<string> columns, bool hasStats)
    {
        if (!hasStats && columns.Contains(FieldSlots.MessageField)) return true;
        return query.Commands.SelectMany(QueryWalk.Expressions).SelectMany(QueryWalk.Nodes)
            .Any(e => e is FieldExpression { Name: FieldSlots.MessageField });
    }
}
