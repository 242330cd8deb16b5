namespace Autri.Logs.Engine.Parsing;

/// <summary>
/// Recursive-descent parser for the Logs Insights query language (Logs Insights QL). Known commands are
/// modelled; newer ones pass through as <see cref="UnknownCommand"/> with a notice so AWS still gets them.
/// </summary>
internal sealed class LogsQueryParser
{
    private static readonly string[] CoreCommands = ["fields", "filter", "stats", "sort", "limit", "parse", "display", "dedup"];

    // Commands AWS documents that this parser does not model (plus head/tail, which AWS deprecated for limit).
    private static readonly HashSet<string> NewerCommands = new(StringComparer.OrdinalIgnoreCase)
    {
        "addtotals", "anomaly", "diff", "fieldsSummary", "filterIndex", "head", "join", "lookup", "pattern",
        "SOURCE", "tail", "unmask", "unnest",
    };

    private static readonly string[] Keywords = ["and", "or", "not", "like", "in", "as", "by", "asc", "desc"];

    /// <summary>
    /// How deep expressions may nest (brackets, operators, chains such as a or b or c…). Parsing, checking, compiling
    /// and evaluating all walk the tree recursively, so a deeper one could overflow the stack and end the process.
    /// </summary>
    public const int MaxDepth = 100;

    private readonly Tokenizer _tokenizer;
    private readonly List<QueryNotice> _notices = [];
    private Token? _peeked;
    private Token? _previous;
    private bool _regexExpected;
    private int _nesting;

    private LogsQueryParser(string text) => _tokenizer = new Tokenizer(text);

    private string Text => _tokenizer.Text;

    /// <exception cref="LogsQuerySyntaxError">With the 1-based line and column of the first problem.</exception>
    public static LogsQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new LogsQueryParser(text);
        var commands = parser.ParseQuery();
        QueryChecks.Check(commands, parser._notices);
        return new LogsQuery(text, commands, parser._notices);
    }

    private List<QueryCommand> ParseQuery()
    {
        if (Peek().Kind == TokenKind.End) throw Error(Peek(), "the query is empty");
        var commands = new List<QueryCommand>();
        while (true)
        {
            commands.Add(ParseCommand());
            var next = Peek();
            if (next.Kind == TokenKind.End) return commands;
            if (next.Kind != TokenKind.Pipe)
                throw Error(next, $"expected | before the next command, found {Describe(next)}");
            Advance();
            if (Peek().Kind == TokenKind.End) throw Error(Peek(), "a | must be followed by a command");
        }
    }

    private QueryCommand ParseCommand()
    {
        var start = Peek();
        if (start.Kind != TokenKind.Identifier)
            throw Error(start, $"expected a command ({string.Join(", ", CoreCommands)}), found {Describe(start)}");
        var name = start.Text.ToLowerInvariant();
        switch (name)
        {
            case "fields":
                Advance();
                var fields = ParseList(ParseNamed);
                return new FieldsCommand(fields, start.Position, SliceFrom(start));
            case "filter":
                Advance();
                var condition = ParseExpression();
                return new FilterCommand(condition, start.Position, SliceFrom(start));
            case "stats":
                return ParseStats(start);
            case "sort":
                Advance();
                if (Peek().IsKeyword("by")) Advance();
                var keys = ParseList(ParseSortKey);
                return new SortCommand(keys, start.Position, SliceFrom(start));
            case "limit":
                return ParseLimit(start);
            case "parse":
                return ParseParse(start);
            case "display":
                Advance();
                return new DisplayCommand(ParseList(ParseFieldName), start.Position, SliceFrom(start));
            case "dedup":
                Advance();
                return new DedupCommand(ParseList(ParseFieldName), start.Position, SliceFrom(start));
        }

        var suggestion = NewerCommands.Contains(start.Text) ? null : ClosestCoreCommand(name);
        if (suggestion is not null)
            throw Error(start, $"unknown command '{start.Text}'; did you mean '{suggestion}'?");
        return ParseUnknownCommand(start);
    }

    private StatsCommand ParseStats(Token start)
    {
        Advance();
        var aggregations = ParseList(ParseNamed);
        IReadOnlyList<NamedExpression> groupBy = [];
        if (Peek().IsKeyword("by"))
        {
            Advance();
            groupBy = ParseList(ParseNamed);
        }
        return new StatsCommand(aggregations, groupBy, start.Position, SliceFrom(start));
    }

    private LimitCommand ParseLimit(Token start)
    {
        Advance();
        var number = Peek();
        if (number.Kind != TokenKind.Number || !int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            throw Error(number, $"limit takes a whole number of at least 1, found {Describe(number)}");
        Advance();
        return new LimitCommand(count, start.Position, SliceFrom(start));
    }

    private ParseCommand ParseParse(Token start)
    {
        Advance();
        _regexExpected = true;
        QueryExpression source;
        if (Peek().Kind is TokenKind.String or TokenKind.Regex)
        {
            // AWS reads @message when the field is left out.
            source = new FieldExpression("@message", start.Position, "@message");
        }
        else
        {
            source = ParseFieldName();
            _regexExpected = true;
        }

        var pattern = Peek();
        if (pattern.Kind == TokenKind.Regex)
        {
            Advance();
            var names = RegexGroupNames(pattern);
            if (Peek().IsKeyword("as"))
                throw Error(Peek(), "a parse regex names its fields with (?<name>...) groups, not with as");
            return new ParseCommand(source, pattern.Text, true, names, start.Position, SliceFrom(start));
        }
        if (pattern.Kind != TokenKind.String)
            throw Error(pattern, $"parse expects a \"glob * pattern\" or a /regex/ after the field, found {Describe(pattern)}");
        Advance();
        var wildcards = pattern.Text.Count(c => c == '*');
        if (wildcards == 0) throw Error(pattern, "a parse glob needs at least one * wildcard");
        if (!Peek().IsKeyword("as"))
            throw Error(Peek(), $"expected as and {wildcards} field name(s) after the parse pattern, found {Describe(Peek())}");
        var asToken = Advance();
        var fieldNames = ParseList(ParseAliasName);
        if (fieldNames.Count != wildcards)
            throw Error(asToken, $"the pattern has {wildcards} * wildcard(s) but {fieldNames.Count} name(s) follow as");
        return new ParseCommand(source, pattern.Text, false, fieldNames, start.Position, SliceFrom(start));
    }

    private List<string> RegexGroupNames(Token pattern)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern.Text, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw Error(pattern, "invalid regular expression: " + e.Message);
        }
        var names = regex.GetGroupNames().Where(n => !int.TryParse(n, out _)).ToList();
        if (names.Count == 0)
            throw Error(pattern, "a parse regex needs at least one named group such as (?<name>...)");
        return names;
    }

    private UnknownCommand ParseUnknownCommand(Token start)
    {
        var depth = 0;
        Advance();
        while (true)
        {
            var token = Peek();
            if (token.Kind == TokenKind.End || (token.Kind == TokenKind.Pipe && depth == 0)) break;
            if (token.Kind is TokenKind.LeftParen or TokenKind.LeftBracket || token is { Kind: TokenKind.Other, Text: "{" }) depth++;
            if (token.Kind is TokenKind.RightParen or TokenKind.RightBracket || token is { Kind: TokenKind.Other, Text: "}" }) depth = Math.Max(0, depth - 1);
            Advance();
        }
        _notices.Add(new QueryNotice(start.Position,
            $"`{start.Text}` is not understood by the local engine; it will be sent to AWS as is"));
        return new UnknownCommand(start.Text, start.Position, SliceFrom(start));
    }

    private List<T> ParseList<T>(Func<T> item)
    {
        var items = new List<T> { item() };
        while (Peek().Kind == TokenKind.Comma)
        {
            Advance();
            items.Add(item());
        }
        return items;
    }

    private NamedExpression ParseNamed()
    {
        var expression = ParseExpression();
        if (!Peek().IsKeyword("as")) return new NamedExpression(expression, null);
        Advance();
        return new NamedExpression(expression, ParseAliasName());
    }

    private string ParseAliasName()
    {
        var token = Peek();
        if (token.Kind == TokenKind.QuotedIdentifier || (token.Kind == TokenKind.Identifier && !IsKeyword(token)))
        {
            Advance();
            return token.Text;
        }
        throw Error(token, $"expected a name, found {Describe(token)}");
    }

    private FieldExpression ParseFieldName()
    {
        var token = Peek();
        if (token.Kind == TokenKind.QuotedIdentifier || (token.Kind == TokenKind.Identifier && !IsKeyword(token)))
        {
            Advance();
            return new FieldExpression(token.Text, token.Position, Slice(token, token));
        }
        throw Error(token, $"expected a field name, found {Describe(token)}");
    }

    private SortKey ParseSortKey()
    {
        var expression = ParseExpression();
        if (Peek().IsKeyword("desc"))
        {
            Advance();
            return new SortKey(expression, true);
        }
        if (Peek().IsKeyword("asc")) Advance();
        return new SortKey(expression, false);
    }

    private QueryExpression ParseExpression() => Nested(ParseOr);

    /// <summary>Parses one level deeper, refusing to go past <see cref="MaxDepth"/> before the stack could run out.</summary>
    private QueryExpression Nested(Func<QueryExpression> parse)
    {
        if (++_nesting > MaxDepth) throw Error(Peek(), $"the expression nests more than {MaxDepth} levels deep");
        try
        {
            return parse();
        }
        finally
        {
            _nesting--;
        }
    }

    private T Checked<T>(T expression) where T : QueryExpression =>
        expression.Depth <= MaxDepth ? expression
            : throw new LogsQuerySyntaxError(expression.Position, $"the expression nests more than {MaxDepth} levels deep; for many alternatives use in [...]");

    /// <summary>
    /// One precedence level of left-associative operators: <paramref name="operand"/> (operator operand)*, folded to the
    /// left. <paramref name="operatorOf"/> names the operator a token stands for at this level, or null where it ends.
    /// </summary>
    private QueryExpression ParseLeftAssociative(Func<QueryExpression> operand, Func<Token, BinaryOperator?> operatorOf)
    {
        var start = Peek();
        var left = operand();
        while (operatorOf(Peek()) is { } op)
        {
            Advance();
            var right = operand();
            left = Checked(new BinaryExpression(op, left, right, start.Position, SliceFrom(start)));
        }
        return left;
    }

    private QueryExpression ParseOr() => ParseLeftAssociative(ParseAnd, t => t.IsKeyword("or") ? BinaryOperator.Or : null);

    private QueryExpression ParseAnd() => ParseLeftAssociative(ParseNot, t => t.IsKeyword("and") ? BinaryOperator.And : null);

    private QueryExpression ParseNot()
    {
        var start = Peek();
        if (!start.IsKeyword("not")) return ParseComparison();
        Advance();
        var operand = Nested(ParseNot);
        return Checked(new UnaryExpression(UnaryOperator.Not, operand, start.Position, SliceFrom(start)));
    }

    private QueryExpression ParseComparison()
    {
        var start = Peek();
        var left = ParseAdditive();
        var op = Peek();
        BinaryOperator? comparison = op.Kind switch
        {
            TokenKind.Equal => BinaryOperator.Equal,
            TokenKind.NotEqual => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
            _ => null,
        };
        if (comparison is { } binary)
        {
            Advance();
            var right = ParseAdditive();
            return Checked(new BinaryExpression(binary, left, right, start.Position, SliceFrom(start)));
        }
        if (op.Kind == TokenKind.RegexMatch)
        {
            Advance();
            var pattern = ParsePattern(op, regexOnly: true);
            return Checked(new LikeExpression(left, pattern, false, start.Position, SliceFrom(start)));
        }

        var negated = false;
        if (op.IsKeyword("not"))
        {
            Advance();
            negated = true;
            op = Peek();
            if (!op.IsKeyword("like") && !op.IsKeyword("in"))
                throw Error(op, $"expected like or in after not, found {Describe(op)}");
        }
        if (op.IsKeyword("like"))
        {
            Advance();
            var pattern = ParsePattern(op, regexOnly: false);
            return Checked(new LikeExpression(left, pattern, negated, start.Position, SliceFrom(start)));
        }
        if (op.IsKeyword("in"))
        {
            Advance();
            var items = ParseInList();
            return Checked(new InExpression(left, items, negated, start.Position, SliceFrom(start)));
        }
        return left;
    }

    private QueryExpression ParsePattern(Token op, bool regexOnly)
    {
        var token = Peek();
        if (token.Kind == TokenKind.Regex)
        {
            Advance();
            ValidateRegex(token);
            return new RegexLiteral(token.Text, token.Position, Slice(token, token));
        }
        if (token.Kind == TokenKind.String && !regexOnly)
        {
            Advance();
            return new StringLiteral(token.Text, token.Position, Slice(token, token));
        }
        var expected = regexOnly ? "a /regex/" : "a \"string\" or a /regex/";
        throw Error(token, $"expected {expected} after {op.Text}, found {Describe(token)}");
    }

    private void ValidateRegex(Token token)
    {
        try
        {
            _ = new Regex(token.Text, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw Error(token, "invalid regular expression: " + e.Message);
        }
    }

    private List<QueryExpression> ParseInList()
    {
        var open = Peek();
        if (open.Kind != TokenKind.LeftBracket) throw Error(open, $"expected [ after in, found {Describe(open)}");
        Advance();
        var items = new List<QueryExpression>();
        if (Peek().Kind != TokenKind.RightBracket) items = ParseList(ParseAdditive);
        var close = Peek();
        if (close.Kind != TokenKind.RightBracket) throw Error(close, $"expected , or ] in the list, found {Describe(close)}");
        Advance();
        return items;
    }

    private QueryExpression ParseAdditive() => ParseLeftAssociative(ParseMultiplicative, t => t.Kind switch
    {
        TokenKind.Plus => BinaryOperator.Add,
        TokenKind.Minus => BinaryOperator.Subtract,
        _ => null,
    });

    private QueryExpression ParseMultiplicative() => ParseLeftAssociative(ParsePower, t => t.Kind switch
    {
        TokenKind.Star => BinaryOperator.Multiply,
        TokenKind.Slash => BinaryOperator.Divide,
        TokenKind.Percent => BinaryOperator.Modulo,
        _ => null,
    });

    private QueryExpression ParsePower()
    {
        var start = Peek();
        var left = ParseUnary();
        if (Peek().Kind != TokenKind.Caret) return left;
        Advance();
        var right = Nested(ParsePower);
        return Checked(new BinaryExpression(BinaryOperator.Power, left, right, start.Position, SliceFrom(start)));
    }

    private QueryExpression ParseUnary()
    {
        var start = Peek();
        if (start.Kind != TokenKind.Minus) return ParsePrimary();
        Advance();
        var operand = Nested(ParseUnary);
        return operand is NumberLiteral number
            ? new NumberLiteral(-number.Value, start.Position, SliceFrom(start))
            : Checked(new UnaryExpression(UnaryOperator.Negate, operand, start.Position, SliceFrom(start)));
    }

    private QueryExpression ParsePrimary()
    {
        var token = Peek();
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(double.Parse(token.Text, CultureInfo.InvariantCulture), token.Position, token.Text);
            case TokenKind.Duration:
                Advance();
                return ToDuration(token);
            case TokenKind.String:
                Advance();
                return new StringLiteral(token.Text, token.Position, Slice(token, token));
            case TokenKind.Regex:
                Advance();
                ValidateRegex(token);
                return new RegexLiteral(token.Text, token.Position, Slice(token, token));
            case TokenKind.QuotedIdentifier:
                Advance();
                return new FieldExpression(token.Text, token.Position, Slice(token, token));
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                var close = Peek();
                if (close.Kind != TokenKind.RightParen) throw Error(close, $"expected ), found {Describe(close)}");
                Advance();
                return inner with { Position = token.Position, Text = SliceFrom(token) };
            case TokenKind.Identifier when !IsKeyword(token):
                Advance();
                return Peek().Kind == TokenKind.LeftParen ? ParseCall(token) : new FieldExpression(token.Text, token.Position, token.Text);
            default:
                throw Error(token, $"expected a field, a number, a string or a function, found {Describe(token)}");
        }
    }

    private CallExpression ParseCall(Token name)
    {
        Advance();
        var arguments = new List<QueryExpression>();
        if (Peek().Kind == TokenKind.Star)
        {
            var star = Advance();
            arguments.Add(new StarExpression(star.Position, "*"));
        }
        else if (Peek().Kind != TokenKind.RightParen)
        {
            arguments = ParseList(ParseExpression);
        }
        var close = Peek();
        if (close.Kind != TokenKind.RightParen)
            throw Error(close, $"expected , or ) in the arguments of {name.Text}, found {Describe(close)}");
        Advance();
        return Checked(new CallExpression(name.Text.ToLowerInvariant(), arguments, name.Position, SliceFrom(name)));
    }

    private static DurationLiteral ToDuration(Token token)
    {
        var digits = token.Text.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').Count();
        DurationLiteral.TryParseUnit(token.Text[digits..], out var unit);
        var amount = double.Parse(token.Text[..digits], CultureInfo.InvariantCulture);
        if (amount <= 0) throw new LogsQuerySyntaxError(token.Position, $"the time period {token.Text} must be longer than zero");
        var duration = new DurationLiteral(amount, unit, token.Position, token.Text);
        if (duration.ApproximateDays > DurationLiteral.MaxDays)
            throw new LogsQuerySyntaxError(token.Position, $"the time period {token.Text} is longer than 10,000 years");
        return duration;
    }

    private Token Peek() => _peeked ??= _tokenizer.Next(_regexExpected || Tokenizer.RegexMayFollow(_previous));

    private Token Advance()
    {
        var token = Peek();
        _previous = token;
        _peeked = null;
        _regexExpected = false;
        return token;
    }

    private string Slice(Token from, Token to) => Text[from.Offset..to.EndOffset];

    private string SliceFrom(Token start) => _previous is null ? "" : Text[start.Offset..Math.Max(start.Offset, _previous.EndOffset)];

    private static bool IsKeyword(Token token) =>
        token.Kind == TokenKind.Identifier && Keywords.Contains(token.Text, StringComparer.OrdinalIgnoreCase);

    private static LogsQuerySyntaxError Error(Token at, string reason) => new(at.Position, reason);

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the query",
        TokenKind.String => $"the string \"{token.Text}\"",
        TokenKind.Regex => $"the regular expression /{token.Text}/",
        TokenKind.QuotedIdentifier => $"`{token.Text}`",
        _ => $"'{token.Text}'",
    };

    private static string? ClosestCoreCommand(string word)
    {
        var best = CoreCommands.MinBy(c => EditDistance(c, word))!;
        return EditDistance(best, word) <= 2 ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
