namespace Autri.Logs.Engine.Execution;

/// <summary>
/// Turns parsed expressions into <see cref="Evaluator"/> closures over slot indexes. <paramref name="intercept"/>
/// lets the caller replace nodes, e.g. aggregate calls by their computed results after stats. A regular expression
/// that takes longer than <paramref name="regexTimeout"/> on one value throws <see cref="RegexMatchTimeoutException"/>.
/// </summary>
internal sealed class ExpressionCompiler(FieldSlots slots, TimeSpan regexTimeout, Func<QueryExpression, Evaluator?>? intercept = null)
{
    public TimeSpan RegexTimeout => regexTimeout;

    public Evaluator Compile(QueryExpression expression)
    {
        if (intercept?.Invoke(expression) is { } replaced) return replaced;
        switch (expression)
        {
            case FieldExpression field:
                var slot = slots.Get(field.Name);
                return row => row[slot];
            case StringLiteral text:
                var stringValue = Value.Of(text.Value);
                return _ => stringValue;
            case NumberLiteral number:
                var numberValue = Value.Of(number.Value);
                return _ => numberValue;
            case UnaryExpression { Operator: UnaryOperator.Not } not:
                var operand = Compile(not.Operand);
                return row => Value.Of(!operand(row).IsTruthy);
            case UnaryExpression negate:
                var inner = Compile(negate.Operand);
                return row => inner(row).TryNumber(out var n) ? Value.Of(-n) : Value.Missing;
            case BinaryExpression binary:
                return CompileBinary(binary);
            case LikeExpression like:
                return CompileLike(like);
            case InExpression @in:
                var subject = Compile(@in.Subject);
                var items = @in.Items.Select(Compile).ToArray();
                var negated = @in.Negated;
                return row =>
                {
                    var value = subject(row);
                    if (value.IsMissing) return Value.Of(false);
                    var found = false;
                    foreach (var item in items)
                    {
                        if (ValueComparison.Compare(value, item(row)) != 0) continue;
                        found = true;
                        break;
                    }
                    return Value.Of(found != negated);
                };
            case CallExpression call:
                return CompileCall(call);
            default:
                throw new LocalQueryNotSupported($"'{expression.Text}' cannot be evaluated here");
        }
    }

    private Evaluator CompileBinary(BinaryExpression binary)
    {
        var left = Compile(binary.Left);
        var right = Compile(binary.Right);
        switch (binary.Operator)
        {
            case BinaryOperator.And:
                return row => Value.Of(left(row).IsTruthy && right(row).IsTruthy);
            case BinaryOperator.Or:
                return row => Value.Of(left(row).IsTruthy || right(row).IsTruthy);
        }
        if (binary.IsComparison)
        {
            Func<int, bool> test = binary.Operator switch
            {
                BinaryOperator.Equal => c => c == 0,
                BinaryOperator.NotEqual => c => c != 0,
                BinaryOperator.Less => c => c < 0,
                BinaryOperator.LessOrEqual => c => c <= 0,
                BinaryOperator.Greater => c => c > 0,
                _ => c => c >= 0,
            };
            // Against text that is not a number the comparison can only be by text: no number parsing per event.
            if (TextOnly(binary.Right) is { } rightText)
                return row => left(row) is { IsMissing: false } value ? Value.Of(test(string.CompareOrdinal(value.Display(), rightText))) : Value.Of(false);
            if (TextOnly(binary.Left) is { } leftText)
                return row => right(row) is { IsMissing: false } value ? Value.Of(test(string.CompareOrdinal(leftText, value.Display()))) : Value.Of(false);
            return row => ValueComparison.Compare(left(row), right(row)) is { } c ? Value.Of(test(c)) : Value.Of(false);
        }
        Func<double, double, double> arithmetic = binary.Operator switch
        {
            BinaryOperator.Add => (a, b) => a + b,
            BinaryOperator.Subtract => (a, b) => a - b,
            BinaryOperator.Multiply => (a, b) => a * b,
            BinaryOperator.Divide => (a, b) => a / b,
            BinaryOperator.Modulo => (a, b) => a % b,
            _ => Math.Pow,
        };
        return row =>
        {
            if (!left(row).TryNumber(out var a) || !right(row).TryNumber(out var b)) return Value.Missing;
            var result = arithmetic(a, b);
            return double.IsFinite(result) ? Value.Of(result) : Value.Missing;
        };
    }

    // A string literal that ValueComparison.Compare would never read as a number.
    private static string? TextOnly(QueryExpression expression) =>
        expression is StringLiteral literal && !Value.Of(literal.Value).TryNumber(out _) ? literal.Value : null;

    private Evaluator CompileLike(LikeExpression like)
    {
        var subject = Compile(like.Subject);
        var negated = like.Negated;
        if (like.Pattern is RegexLiteral regexLiteral)
        {
            var regex = CompileRegex(regexLiteral.Pattern, regexTimeout);
            return row => subject(row).Display() is { } text ? Value.Of(regex.IsMatch(text) != negated) : Value.Of(false);
        }
        var substring = ((StringLiteral)like.Pattern).Value;
        return row => subject(row).Display() is { } text
            ? Value.Of(text.Contains(substring, StringComparison.Ordinal) != negated)
            : Value.Of(false);
    }

    public static Regex CompileRegex(string pattern, TimeSpan timeout) =>
        new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, timeout);

    private Evaluator CompileCall(CallExpression call)
    {
        if (call.Name == "bin")
        {
            var period = (DurationLiteral)call.Arguments[0];
            var timestamp = slots.Timestamp;
            return row => row[timestamp].IsMissing ? Value.Missing : Value.Timestamp(TimeBuckets.Floor(row[timestamp].Number, period));
        }
        if (call.Name is "datefloor" or "dateceil")
        {
            var time = Compile(call.Arguments[0]);
            var period = (DurationLiteral)call.Arguments[1];
            var ceiling = call.Name == "dateceil";
            return row => time(row).TryNumber(out var ms)
                ? Value.Timestamp(ceiling ? TimeBuckets.Ceiling(ms, period) : TimeBuckets.Floor(ms, period))
                : Value.Missing;
        }
        if (!KnownFunctions.Scalars.ContainsKey(call.Name))
            throw new LocalQueryNotSupported($"the function {call.Name} is not supported by the local engine");
        var arguments = call.Arguments.Select(Compile).ToArray();
        var function = ScalarFunctions.Get(call.Name);
        // One argument array per call site, reused: a run evaluates on one thread, and an argument never
        // re-enters its own call.
        var values = new Value[arguments.Length];
        return row =>
        {
            for (var i = 0; i < arguments.Length; i++) values[i] = arguments[i](row);
            return function(values);
        };
    }
}

/// <summary>The local engine cannot run this query (AWS may).</summary>
internal sealed class LocalQueryNotSupported(string message) : Exception(message);

internal delegate Value ScalarFunction(ReadOnlySpan<Value> arguments);

internal static class ScalarFunctions
{
    public static ScalarFunction Get(string name) => name switch
    {
        "ispresent" => a => Value.Of(!a[0].IsMissing),
        "isempty" => a => Value.Of(a[0].IsMissing || a[0].Display()!.Length == 0),
        "isblank" => a => Value.Of(a[0].IsMissing || string.IsNullOrWhiteSpace(a[0].Display())),
        "coalesce" => Coalesce,
        "strlen" => a => Text(a[0]) is { } s ? Value.Of(s.EnumerateRunes().Count()) : Value.Missing,
        "tolower" => a => Text(a[0]) is { } s ? Value.Of(s.ToLowerInvariant()) : Value.Missing,
        "toupper" => a => Text(a[0]) is { } s ? Value.Of(s.ToUpperInvariant()) : Value.Missing,
        "concat" => Concat,
        "substr" => Substring,
        "replace" => a => Text(a[0]) is { } s && Text(a[1]) is { Length: > 0 } find
            ? Value.Of(s.Replace(find, Text(a[2]) ?? "", StringComparison.Ordinal))
            : a[0],
        "trim" => a => Trim(a, (s, chars) => chars is null ? s.Trim() : s.Trim(chars)),
        "ltrim" => a => Trim(a, (s, chars) => chars is null ? s.TrimStart() : s.TrimStart(chars)),
        "rtrim" => a => Trim(a, (s, chars) => chars is null ? s.TrimEnd() : s.TrimEnd(chars)),
        "strcontains" => a => Value.Of(Text(a[0]) is { } s && Text(a[1]) is { } t && s.Contains(t, StringComparison.Ordinal) ? 1 : 0),
        "abs" => a => Numeric(a[0], Math.Abs),
        "ceil" => a => Numeric(a[0], Math.Ceiling),
        "floor" => a => Numeric(a[0], Math.Floor),
        "log" => a => Numeric(a[0], Math.Log),
        "sqrt" => a => Numeric(a[0], Math.Sqrt),
        "greatest" => a => Extreme(a, max: true),
        "least" => a => Extreme(a, max: false),
        "frommillis" => a => a[0].TryNumber(out var ms) ? Value.Timestamp(ms) : Value.Missing,
        "tomillis" => a => a[0].Kind == ValueKind.Timestamp ? Value.Of(a[0].Number) : ParseTime(a[0]),
        _ => throw new LocalQueryNotSupported($"the function {name} is not supported by the local engine"),
    };

    private static string? Text(Value value) => value.Display();

    private static Value Coalesce(ReadOnlySpan<Value> arguments)
    {
        foreach (var value in arguments)
            if (!value.IsMissing) return value;
        return Value.Missing;
    }

    private static Value Concat(ReadOnlySpan<Value> arguments)
    {
        var parts = new string[arguments.Length];
        for (var i = 0; i < arguments.Length; i++) parts[i] = arguments[i].Display() ?? "";
        return Value.Of(string.Concat(parts));
    }

    // substr("xyZfooxyZ", 3, 3) is "foo": the start index counts from zero.
    private static Value Substring(ReadOnlySpan<Value> a)
    {
        if (Text(a[0]) is not { } s || !a[1].TryNumber(out var start)) return Value.Missing;
        var from = Math.Clamp((int)start, 0, s.Length);
        var length = s.Length - from;
        if (a.Length > 2)
        {
            if (!a[2].TryNumber(out var requested)) return Value.Missing;
            length = Math.Clamp((int)requested, 0, length);
        }
        return Value.Of(s.Substring(from, length));
    }

    private static Value Trim(ReadOnlySpan<Value> a, Func<string, char[]?, string> trim)
    {
        if (Text(a[0]) is not { } s) return Value.Missing;
        var chars = a.Length > 1 ? Text(a[1])?.ToCharArray() : null;
        return Value.Of(trim(s, chars));
    }

    private static Value Numeric(Value value, Func<double, double> f)
    {
        if (!value.TryNumber(out var n)) return Value.Missing;
        var result = f(n);
        return double.IsFinite(result) ? Value.Of(result) : Value.Missing;
    }

    private static Value Extreme(ReadOnlySpan<Value> arguments, bool max)
    {
        double? best = null;
        foreach (var value in arguments)
        {
            if (!value.TryNumber(out var n)) continue;
            if (best is null || (max ? n > best : n < best)) best = n;
        }
        return best is { } b ? Value.Of(b) : Value.Missing;
    }

    private static Value ParseTime(Value value) =>
        value.Kind == ValueKind.String && DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? Value.Of(time.ToUnixTimeMilliseconds())
            : value.TryNumber(out var n) ? Value.Of(n) : Value.Missing;
}
