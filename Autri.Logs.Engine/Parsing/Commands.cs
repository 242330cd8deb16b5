namespace Autri.Logs.Engine.Parsing;

/// <summary>One command of the pipeline; <see cref="Text"/> is its source, without the separating pipe.</summary>
public abstract record QueryCommand(SourcePosition Position, string Text)
{
    public abstract string Name { get; }
}

/// <summary>An expression with an optional <c>as</c> alias; the result column is named after the alias or the text.</summary>
public sealed record NamedExpression(QueryExpression Expression, string? Alias)
{
    public string OutputName => Alias ?? (Expression is FieldExpression fieldRef ? fieldRef.Name : Expression.Text);
}

public sealed record FieldsCommand(IReadOnlyList<NamedExpression> Fields, SourcePosition Position, string Text) : QueryCommand(Position, Text)
{
    public override string Name => "fields";
}

public sealed record FilterCommand(QueryExpression Condition, SourcePosition Position, string Text) : QueryCommand(Position, Text)
{
    public override string Name => "filter";
}

public sealed record StatsCommand(
    IReadOnlyList<NamedExpression> Aggregations,
    IReadOnlyList<NamedExpression> GroupBy,
    SourcePosition Position,
    string Text) : QueryCommand(Position, Text)
{
    public override string Name => "stats";
}

public sealed record SortKey(QueryExpression Expression, bool Descending);

public sealed record SortCommand(IReadOnlyList<SortKey> Keys, SourcePosition Position, string Text) : QueryCommand(Position, Text)
{
    public override string Name => "sort";
}

public sealed record LimitCommand(int Count, SourcePosition Position, string Text) : QueryCommand(Position, Text)
{
    public override string Name => "limit";
}

/// <summary>
/// <c>parse field "glob * with * stars" as a, b</c> or <c>parse field /(?&lt;name&gt;regex)/</c>.
/// <see cref="Names"/> are the fields it creates, in order; <see cref="IsRegex"/> says which form.
/// </summary>
public sealed record ParseCommand(
    QueryExpression Source,
    string Pattern,
    bool IsRegex,
    IReadOnlyList<string> Names,
    SourcePosition Position,
    string Text) : QueryCommand(Position, Text)
{
    public override string Name => "parse";
}

public sealed record DisplayCommand(IReadOnlyList<FieldExpression> Fields, SourcePosition Position, string Text) : QueryCommand(Position, Text)
{
    public override string Name => "display";
}

public sealed record DedupCommand(IReadOnlyList<FieldExpression> Fields, SourcePosition Position, string Text) : QueryCommand(Position, Text)
{
    public override string Name => "dedup";
}

/// <summary>
/// A command this parser does not model (a newer one such as <c>pattern</c> or <c>unnest</c>): kept verbatim so
/// the query still goes to AWS unchanged; the local engine refuses it.
/// </summary>
public sealed record UnknownCommand(string CommandName, SourcePosition Position, string Text) : QueryCommand(Position, Text)
{
    public override string Name => CommandName;
}
