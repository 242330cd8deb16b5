namespace Autri.Logs.Engine.Tests.Fuzzing;

/// <summary>
/// Whatever text arrives, the parser and the request checks either accept it or refuse it with a syntax error at a
/// place inside the text (or a LogsQueryException with an AWS code): never another exception, never a crash.
/// </summary>
public class ParserFuzzTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-21T10:00:00Z");

    [Fact]
    public void Generated_queries_parse_or_are_refused_with_a_located_syntax_error() =>
        Fuzz.Run(2_000, random => new QueryGenerator(random).Query(), ParsesOrIsRefused);

    [Fact]
    public void Mutated_saved_and_tested_queries_parse_or_are_refused_with_a_located_syntax_error() =>
        Fuzz.Run(3_000, QueryMutator.Mutated, ParsesOrIsRefused);

    [Theory]
    [InlineData(40)]
    [InlineData(LogsQueryParser.MaxDepth + 1)]
    [InlineData(100_000)]
    public void Nesting_is_refused_past_the_maximum_depth_instead_of_overflowing_the_stack(int depth)
    {
        string[] shapes =
        [
            "filter " + new string('(', depth) + "a" + new string(')', depth),
            "filter " + string.Concat(Enumerable.Repeat("not ", depth)) + "a",
            "filter " + string.Concat(Enumerable.Repeat("-", depth)) + "a",
            "fields " + string.Join(" ^ ", Enumerable.Repeat("a", depth)) + " as p",
            "filter " + string.Join(" or ", Enumerable.Repeat("a = 1", depth)),
            "fields " + string.Concat(Enumerable.Repeat("abs(", depth)) + "a" + new string(')', depth) + " as x",
        ];
        foreach (var query in shapes)
        {
            if (depth <= 40)
            {
                LogsQuery.Parse(query);
                continue;
            }
            try
            {
                var parsed = LogsQuery.Parse(query);
                Assert.True(parsed.Commands.SelectMany(QueryWalk.Expressions).All(e => e.Depth <= LogsQueryParser.MaxDepth), query[..40]);
            }
            catch (LogsQuerySyntaxError e)
            {
                Assert.Contains("nests more than 100 levels", e.Reason);
            }
        }
    }

    [Fact]
    public void Periods_too_long_for_any_date_are_refused()
    {
        var error = Assert.Throws<LogsQuerySyntaxError>(() => LogsQuery.Parse("stats count(*) by bin(99999999y)"));

        Assert.Contains("longer than 10,000 years", error.Reason);
        LogsQuery.Parse("stats count(*) by bin(10000y)");
    }

    private static void ParsesOrIsRefused(string query)
    {
        try
        {
            var parsed = LogsQuery.Parse(query);
            Assert.All(parsed.Commands.SelectMany(QueryWalk.Expressions), e => Assert.InRange(e.Depth, 1, LogsQueryParser.MaxDepth));
        }
        catch (LogsQuerySyntaxError e)
        {
            var lines = query.Split('\n');
            Assert.InRange(e.Line, 1, lines.Length);
            Assert.InRange(e.Column, 1, lines[e.Line - 1].Length + 1);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        }
        try
        {
            LocalLogEngine.Prepare(new LogsQueryRequest(query, ["portal"], Start, Start.AddHours(1)));
        }
        catch (LogsQueryException e)
        {
            Assert.Contains(e.Code, new[] { "MalformedQueryException", "InvalidParameterException", LogsQueryException.NotSupportedLocally });
        }
    }
}
