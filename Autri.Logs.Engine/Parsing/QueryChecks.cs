namespace Autri.Logs.Engine.Parsing;

/// <summary>
/// Rules the grammar alone does not enforce: where aggregate functions may stand, argument counts,
/// and what aggregate functions accept. Unknown functions become notices, not errors.
/// </summary>
internal static class QueryChecks
{
    public static void Check(IReadOnlyList<QueryCommand> commands, List<QueryNotice> notices)
    {
        var afterStats = false;
        foreach (var command in commands)
        {
            switch (command)
            {
                case FieldsCommand fields:
                    foreach (var field in fields.Fields) CheckScalar(field.Expression, notices, afterStats);
                    break;
                case FilterCommand filter:
                    CheckScalar(filter.Condition, notices, afterStats);
                    break;
                case SortCommand sort:
                    foreach (var key in sort.Keys) CheckScalar(key.Expression, notices, afterStats);
                    break;
                case StatsCommand stats:
                    foreach (var aggregation in stats.Aggregations) CheckAggregation(aggregation.Expression, notices);
                    foreach (var group in stats.GroupBy) CheckScalar(group.Expression, notices, aggregatesAllowed: false);
                    afterStats = true;
                    break;
            }
        }
    }

    // After a stats command an aggregate call may name one of its result columns, e.g. "sort count(*) desc".
    private static void CheckScalar(QueryExpression expression, List<QueryNotice> notices, bool aggregatesAllowed)
    {
        foreach (var node in QueryWalk.Nodes(expression))
        {
            switch (node)
            {
                case CallExpression call when KnownFunctions.IsAggregate(call.Name):
                    if (!aggregatesAllowed)
                        throw new LogsQuerySyntaxError(call.Position, $"{call.Name} is an aggregate function; it can only be used in stats");
                    return;
                case CallExpression call:
                    CheckCall(call, notices);
                    break;
                case StarExpression star:
                    throw new LogsQuerySyntaxError(star.Position, "* is only allowed in count(*)");
            }
        }
        CheckPlacement(expression);
    }

    private static void CheckAggregation(QueryExpression expression, List<QueryNotice> notices)
    {
        var aggregates = 0;
        Visit(expression);
        if (aggregates == 0)
            throw new LogsQuerySyntaxError(expression.Position,
                $"'{expression.Text}' is not an aggregation; stats needs functions such as count(*), sum(x), avg(x) or pct(x, 95)");
        CheckPlacement(expression);

        void Visit(QueryExpression node)
        {
            switch (node)
            {
                case CallExpression call when KnownFunctions.IsAggregate(call.Name):
                    aggregates++;
                    CheckAggregateCall(call, notices);
                    return;
                case CallExpression call:
                    CheckCall(call, notices);
                    foreach (var argument in call.Arguments) Visit(argument);
                    return;
                case FieldExpression field:
                    throw new LogsQuerySyntaxError(field.Position,
                        $"the field {field.Name} must be inside an aggregate function, for example max({field.Name})");
                case StarExpression star:
                    throw new LogsQuerySyntaxError(star.Position, "* is only allowed in count(*)");
                default:
                    foreach (var child in QueryWalk.Children(node)) Visit(child);
                    return;
            }
        }
    }

    private static void CheckAggregateCall(CallExpression call, List<QueryNotice> notices)
    {
        CheckArity(call, KnownFunctions.Aggregates[call.Name]);
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var argument = call.Arguments[i];
            if (argument is StarExpression && (call.Name != "count" || i > 0))
                throw new LogsQuerySyntaxError(argument.Position, "* is only allowed in count(*)");
            if (argument is StarExpression) continue;
            if (i == 1 && call.Name is "pct" or "percentile")
            {
                if (argument is not NumberLiteral { Value: >= 0 and <= 100 })
                    throw new LogsQuerySyntaxError(argument.Position, $"the percentile of {call.Name} must be a number from 0 to 100");
                continue;
            }
            // AWS documents aggregation arguments as log fields or numbers, not conditions. To count matches,
            // its own samples use sum(strcontains(field, "text")) (see ops/queries/mcp-tool-calls.logsql).
            if (IsCondition(argument))
                throw new LogsQuerySyntaxError(argument.Position,
                    $"{call.Name}() takes a field or a number, not a condition ('{argument.Text}'); to count matching events use sum(strcontains(field, \"text\")) or filter first");
            foreach (var node in QueryWalk.Nodes(argument))
            {
                if (node is CallExpression inner && KnownFunctions.IsAggregate(inner.Name))
                    throw new LogsQuerySyntaxError(inner.Position, $"aggregate functions cannot be nested ({inner.Name} inside {call.Name})");
                if (node is CallExpression scalar) CheckCall(scalar, notices);
                if (node is StarExpression star) throw new LogsQuerySyntaxError(star.Position, "* is only allowed in count(*)");
            }
        }
    }

    private static void CheckCall(CallExpression call, List<QueryNotice> notices)
    {
        if (!KnownFunctions.Scalars.TryGetValue(call.Name, out var signature))
        {
            notices.Add(new QueryNotice(call.Position,
                $"`{call.Name}` is not understood by the local engine; it will be sent to AWS as is"));
            return;
        }
        CheckArity(call, signature);
        switch (call.Name)
        {
            case "bin" when call.Arguments[0] is not DurationLiteral:
                throw new LogsQuerySyntaxError(call.Arguments[0].Position, "bin takes a time period such as 5m or 1h");
            case "datefloor" or "dateceil" when call.Arguments[1] is not DurationLiteral:
                throw new LogsQuerySyntaxError(call.Arguments[1].Position, $"{call.Name} takes a time period such as 1h as its second argument");
        }
    }

    private static void CheckArity(CallExpression call, KnownFunctions.Signature signature)
    {
        var count = call.Arguments.Count;
        if (count >= signature.MinArguments && count <= signature.MaxArguments) return;
        var expected = signature.MaxArguments == int.MaxValue ? $"at least {signature.MinArguments}"
            : signature.MinArguments == signature.MaxArguments ? $"{signature.MinArguments}"
            : $"{signature.MinArguments} to {signature.MaxArguments}";
        throw new LogsQuerySyntaxError(call.Position, $"{call.Name} takes {expected} argument(s), got {count}");
    }

    // Regex literals belong after like/=~ and periods inside bin/datefloor/dateceil; anywhere else is an error.
    private static void CheckPlacement(QueryExpression expression)
    {
        switch (expression)
        {
            case RegexLiteral regex:
                throw new LogsQuerySyntaxError(regex.Position, "a /regex/ can only follow like or =~");
            case DurationLiteral duration:
                throw new LogsQuerySyntaxError(duration.Position, $"the time period {duration.Text} can only be used in bin, datefloor or dateceil");
            case LikeExpression like:
                CheckPlacement(like.Subject);
                return;
            case CallExpression call when call.Name is "bin":
                return;
            case CallExpression call when call.Name is "datefloor" or "dateceil":
                CheckPlacement(call.Arguments[0]);
                return;
        }
        foreach (var child in QueryWalk.Children(expression)) CheckPlacement(child);
    }

    private static bool IsCondition(QueryExpression expression) => expression switch
    {
        BinaryExpression binary => binary.IsComparison || binary.IsLogical,
        UnaryExpression { Operator: UnaryOperator.Not } => true,
        LikeExpression or InExpression => true,
        _ => false,
    };
}
