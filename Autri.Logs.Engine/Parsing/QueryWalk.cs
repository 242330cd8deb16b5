namespace Autri.Logs.Engine.Parsing;

/// <summary>
/// The one walk over a parsed query's expressions, shared by the parser's checks and the engine's plan: an
/// expression's direct children, every node below it (itself first), and the expressions a command holds.
/// </summary>
internal static class QueryWalk
{
    public static IEnumerable<QueryExpression> Children(QueryExpression expression) => expression switch
    {
        UnaryExpression unary => [unary.Operand],
        BinaryExpression binary => [binary.Left, binary.Right],
        LikeExpression like => [like.Subject, like.Pattern],
        InExpression @in => [@in.Subject, .. @in.Items],
        CallExpression call => call.Arguments,
        _ => [],
    };

    /// <summary>The expression and everything below it, parents before children, left to right.</summary>
    public static IEnumerable<QueryExpression> Nodes(QueryExpression expression)
    {
        yield return expression;
        foreach (var child in Children(expression))
            foreach (var node in Nodes(child))
                yield return node;
    }

    /// <summary>The top-level expressions of a command, in the order written; none for limit and unknown commands.</summary>
    public static IEnumerable<QueryExpression> Expressions(QueryCommand command) => command switch
    {
        FieldsCommand fields => fields.Fields.Select(f => f.Expression),
        FilterCommand filter => [filter.Condition],
        StatsCommand stats => stats.Aggregations.Select(a => a.Expression).Concat(stats.GroupBy.Select(g => g.Expression)),
        SortCommand sort => sort.Keys.Select(k => k.Expression),
        ParseCommand parse => [parse.Source],
        DisplayCommand display => display.Fields,
        DedupCommand dedup => dedup.Fields,
        _ => [],
    };
}
