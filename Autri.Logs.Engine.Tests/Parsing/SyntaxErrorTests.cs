namespace Autri.Logs.Engine.Tests.Parsing;

public class SyntaxErrorTests
{
    [Theory]
    [InlineData("", 1, 1, "the query is empty")]
    [InlineData("fields a\n| filter status = ", 2, 19, "expected a field, a number, a string or a function, found the end of the query")]
    [InlineData("fields a\n  | fitler a = 1", 2, 5, "unknown command 'fitler'; did you mean 'filter'?")]
    [InlineData("fields a |", 1, 11, "a | must be followed by a command")]
    [InlineData("filter a = \"open", 1, 12, "the string starting here is not closed with \"")]
    [InlineData("filter a like /abc", 1, 15, "the regular expression starting here is not closed with /")]
    [InlineData("filter a like /abc/i", 1, 20, "flags after a regular expression ('i') are not supported; put (?i) at the start of the pattern instead")]
    [InlineData("stats count(*) by bin(5x)", 1, 23, "'5x' is not a number or a time period; periods end in ms, s, m, h, d, w, mo, q or y (for example 5m)")]
    [InlineData("stats avg(status = \"error\") by tool", 1, 11, "avg() takes a field or a number, not a condition ('status = \"error\"'); to count matching events use sum(strcontains(field, \"text\")) or filter first")]
    [InlineData("stats tool by tool", 1, 7, "the field tool must be inside an aggregate function, for example max(tool)")]
    [InlineData("filter count(*) > 1", 1, 8, "count is an aggregate function; it can only be used in stats")]
    [InlineData("stats pct(latency_ms, 150)", 1, 23, "the percentile of pct must be a number from 0 to 100")]
    [InlineData("fields substr(path)", 1, 8, "substr takes 2 to 3 argument(s), got 1")]
    [InlineData("parse @message \"a=* b=*\" as x", 1, 26, "the pattern has 2 * wildcard(s) but 1 name(s) follow as")]
    [InlineData("parse @message /no groups/", 1, 16, "a parse regex needs at least one named group such as (?<name>...)")]
    [InlineData("limit 0", 1, 7, "limit takes a whole number of at least 1, found '0'")]
    [InlineData("filter (a = 1", 1, 14, "expected ), found the end of the query")]
    [InlineData("fields a b", 1, 10, "expected | before the next command, found 'b'")]
    [InlineData("filter x not = 1", 1, 14, "expected like or in after not, found '='")]
    [InlineData("fields `unclosed", 1, 8, "the field name starting here is not closed with `")]
    [InlineData("filter a = /x/", 1, 12, "a /regex/ can only follow like or =~")]
    [InlineData("stats count(*) by bin(tool)", 1, 23, "bin takes a time period such as 5m or 1h")]
    public void A_syntax_error_names_its_line_and_column(string query, int line, int column, string reason)
    {
        var error = Assert.Throws<LogsQuerySyntaxError>(() => LogsQueryParser.Parse(query));

        Assert.Equal(reason, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal($"Syntax error at line {line}, column {column}: {reason}", error.Message);
    }
}
