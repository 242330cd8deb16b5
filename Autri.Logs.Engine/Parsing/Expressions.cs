namespace Autri.Logs.Engine.Parsing;

/// <summary>
/// An expression in a query. <see cref="Text"/> is the source as written: Logs Insights names an
/// unaliased result column after it (<c>count(*)</c>, <c>bin(5m)</c>). <see cref="Depth"/> is the height of the tree
/// below it (1 for a leaf), computed once as the tree is built, so the parser can refuse trees too deep to walk.
/// </summary>
public abstract record QueryExpression(SourcePosition Position, string Text)
{
    public virtual int Depth => 1;

    private protected static int Below(IEnumerable<QueryExpression> children) => 1 + children.Select(c => c.Depth).DefaultIfEmpty(0).Max();
}

/// <summary>A log field: <c>status</c>, <c>@timestamp</c>, <c>a.b.c</c> or <c>`foo-bar`</c> (Name without backquotes).</summary>
public sealed record FieldExpression(string Name, SourcePosition Position, string Text) : QueryExpression(Position, Text);

public sealed record StringLiteral(string Value, SourcePosition Position, string Text) : QueryExpression(Position, Text);

public sealed record NumberLiteral(double Value, SourcePosition Position, string Text) : QueryExpression(Position, Text);

/// <summary>A regular expression between slashes; case-insensitivity is written inline as <c>(?i)</c>, as AWS expects.</summary>
public sealed record RegexLiteral(string Pattern, SourcePosition Position, string Text) : QueryExpression(Position, Text);

/// <summary>The <c>*</c> of <c>count(*)</c>.</summary>
public sealed record StarExpression(SourcePosition Position, string Text) : QueryExpression(Position, Text);

public enum UnaryOperator { Not, Negate }

public sealed record UnaryExpression(UnaryOperator Operator, QueryExpression Operand, SourcePosition Position, string Text)
    : QueryExpression(Position, Text)
{
    public override int Depth { get; } = 1 + Operand.Depth;
}

public enum BinaryOperator
{
    Or, And,
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,
    Add, Subtract, Multiply, Divide, Modulo, Power,
}

public sealed record BinaryExpression(BinaryOperator Operator, QueryExpression Left, QueryExpression Right, SourcePosition Position, string Text)
    : QueryExpression(Position, Text)
{
    public override int Depth { get; } = 1 + Math.Max(Left.Depth, Right.Depth);

    public bool IsComparison => Operator is >= BinaryOperator.Equal and <= BinaryOperator.GreaterOrEqual;

    public bool IsLogical => Operator is BinaryOperator.And or BinaryOperator.Or;
}

/// <summary><c>x like "text"</c> (substring), <c>x like /re/</c> or <c>x =~ /re/</c> (regex search), optionally negated.</summary>
public sealed record LikeExpression(QueryExpression Subject, QueryExpression Pattern, bool Negated, SourcePosition Position, string Text)
    : QueryExpression(Position, Text)
{
    public override int Depth { get; } = 1 + Math.Max(Subject.Depth, Pattern.Depth);
}

/// <summary><c>x in ["a", "b"]</c> or <c>x not in [...]</c>.</summary>
public sealed record InExpression(QueryExpression Subject, IReadOnlyList<QueryExpression> Items, bool Negated, SourcePosition Position, string Text)
    : QueryExpression(Position, Text)
{
    public override int Depth { get; } = Below([Subject, .. Items]);
}

/// <summary>A function call; <see cref="Name"/> is lower-cased because Logs Insights function names ignore case.</summary>
public sealed record CallExpression(string Name, IReadOnlyList<QueryExpression> Arguments, SourcePosition Position, string Text)
    : QueryExpression(Position, Text)
{
    public override int Depth { get; } = Below(Arguments);
}
