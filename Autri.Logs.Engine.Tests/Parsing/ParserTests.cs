namespace Autri.Logs.Engine.Tests.Parsing;

public class ParserTests
{
    private static T Single<T>(string query) where T : QueryCommand => Assert.IsType<T>(Assert.Single(LogsQuery.Parse(query).Commands));

    [Fact]
    public void Commands_split_on_pipes_across_lines_and_comments_are_ignored()
    {
        var query = LogsQuery.Parse("# errors only\nfields @timestamp, `foo-bar` as fb # trailing\n| filter level = 'error'\n| limit 5");

        Assert.Equal(["fields", "filter", "limit"], query.Commands.Select(c => c.Name));
        var fields = Assert.IsType<FieldsCommand>(query.Commands[0]);
        Assert.Equal(["@timestamp", "fb"], fields.Fields.Select(f => f.OutputName));
        Assert.Equal("foo-bar", Assert.IsType<FieldExpression>(fields.Fields[1].Expression).Name);
        Assert.Equal(5, Assert.IsType<LimitCommand>(query.Commands[2]).Count);
        Assert.True(query.RunsLocally);
    }

    [Fact]
    public void Filter_precedence_is_not_then_and_then_or()
    {
        var filter = Single<FilterCommand>("filter a = 1 or not b.c != \"x\" and d >= 2.5");

        var or = Assert.IsType<BinaryExpression>(filter.Condition);
        Assert.Equal(BinaryOperator.Or, or.Operator);
        var and = Assert.IsType<BinaryExpression>(or.Right);
        Assert.Equal(BinaryOperator.And, and.Operator);
        Assert.IsType<UnaryExpression>(and.Left);
        Assert.Equal("b.c", Assert.IsType<FieldExpression>(((BinaryExpression)((UnaryExpression)and.Left).Operand).Left).Name);
    }

    [Fact]
    public void Like_regex_in_and_their_negations_parse_with_their_patterns()
    {
        var filter = Single<FilterCommand>("filter @message like /(?i)time\\/out/ and x not like \"a\\\"b\" and y =~ /^z$/ and s in [\"a\", 'b'] and t not in [1, 2]");
        var nodes = QueryWalk.Nodes(filter.Condition).ToList();

        var likes = nodes.OfType<LikeExpression>().ToList();
        Assert.Equal("(?i)time/out", Assert.IsType<RegexLiteral>(likes[0].Pattern).Pattern);
        Assert.Equal("a\"b", Assert.IsType<StringLiteral>(likes[1].Pattern).Value);
        Assert.True(likes[1].Negated);
        Assert.Equal("^z$", Assert.IsType<RegexLiteral>(likes[2].Pattern).Pattern);
        var ins = nodes.OfType<InExpression>().ToList();
        Assert.Equal(2, ins[0].Items.Count);
        Assert.True(ins[1].Negated);
    }

    [Fact]
    public void Arithmetic_binds_tighter_than_comparison_and_power_is_right_associative()
    {
        var filter = Single<FilterCommand>("filter a + b * c ^ 2 ^ 3 > -4");

        var compare = Assert.IsType<BinaryExpression>(filter.Condition);
        Assert.Equal(-4, Assert.IsType<NumberLiteral>(compare.Right).Value);
        var add = Assert.IsType<BinaryExpression>(compare.Left);
        var multiply = Assert.IsType<BinaryExpression>(add.Right);
        var power = Assert.IsType<BinaryExpression>(multiply.Right);
        Assert.Equal(BinaryOperator.Power, Assert.IsType<BinaryExpression>(power.Right).Operator);
    }

    [Fact]
    public void Stats_keeps_aggregations_then_groups_named_by_alias_or_text()
    {
        var stats = Single<StatsCommand>("stats count(*), count_distinct(user_id) as users, pct(latency_ms, 95), sum(strcontains(status, \"error\")) / count(*) * 100 as pct_err by bin(5m), tool");

        Assert.Equal(["count(*)", "users", "pct(latency_ms, 95)", "pct_err"], stats.Aggregations.Select(a => a.OutputName));
        Assert.Equal(["bin(5m)", "tool"], stats.GroupBy.Select(g => g.OutputName));
        var bin = Assert.IsType<CallExpression>(stats.GroupBy[0].Expression);
        var period = Assert.IsType<DurationLiteral>(bin.Arguments[0]);
        Assert.Equal(TimeSpan.FromMinutes(5), period.FixedLength);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("1h", 3600)]
    [InlineData("1d", 86400)]
    [InlineData("2hrs", 7200)]
    [InlineData("100ms", 0.1)]
    public void Durations_take_the_units_the_stats_page_lists(string period, double seconds)
    {
        var stats = Single<StatsCommand>($"stats count(*) by bin({period})");

        var literal = Assert.IsType<DurationLiteral>(((CallExpression)stats.GroupBy[0].Expression).Arguments[0]);
        Assert.Equal(seconds, literal.FixedLength!.Value.TotalSeconds);
    }

    [Fact]
    public void Sort_takes_several_keys_with_optional_by_and_directions()
    {
        var sort = Single<SortCommand>("sort by calls desc, tool asc, @timestamp");

        Assert.Equal([true, false, false], sort.Keys.Select(k => k.Descending));
    }

    [Fact]
    public void Parse_glob_names_one_field_per_star_and_regex_names_its_groups()
    {
        var glob = Single<ParseCommand>("parse @message \"user=* action=*\" as u, a");
        var regex = Single<ParseCommand>("parse message /(?<normalized>[^0-9]*) (?<rest>.*)/");
        var implicitSource = Single<ParseCommand>("parse \"[*] *\" as level, text");

        Assert.Equal(["u", "a"], glob.Names);
        Assert.False(glob.IsRegex);
        Assert.Equal(["normalized", "rest"], regex.Names);
        Assert.Equal("@message", Assert.IsType<FieldExpression>(implicitSource.Source).Name);
    }

    [Fact]
    public void Display_and_dedup_take_field_names()
    {
        var query = LogsQuery.Parse("fields a | dedup a, b.c | display a, `x y`");

        Assert.Equal(["a", "b.c"], Assert.IsType<DedupCommand>(query.Commands[1]).Fields.Select(f => f.Name));
        Assert.Equal(["a", "x y"], Assert.IsType<DisplayCommand>(query.Commands[2]).Fields.Select(f => f.Name));
    }

    [Theory]
    [InlineData("fields @message | pattern @message", "pattern")]
    [InlineData("SOURCE logGroups(namePrefix: ['/aws/lambda']) | fields @message", "SOURCE")]
    [InlineData("fields tags | unnest tags into tag | display tag", "unnest")]
    [InlineData("filter x = 1 | lookup users user_id OUTPUT name", "lookup")]
    [InlineData("fields @message | anomaly", "anomaly")]
    [InlineData("fieldsSummary", "fieldsSummary")]
    [InlineData("fields @message | diff", "diff")]
    [InlineData("fields @message | unmask(@message)", "unmask")]
    public void Newer_commands_pass_through_with_a_notice_instead_of_an_error(string text, string command)
    {
        var query = LogsQuery.Parse(text);

        var unknown = Assert.Single(query.Commands.OfType<UnknownCommand>());
        Assert.Equal(command, unknown.CommandName);
        Assert.False(query.RunsLocally);
        Assert.Equal($"`{command}` is not understood by the local engine; it will be sent to AWS as is", Assert.Single(query.Notices).Message);
    }

    [Fact]
    public void Unknown_functions_also_become_notices()
    {
        var query = LogsQuery.Parse("fields jsonParse(@message) as j");

        Assert.Contains("`jsonparse` is not understood by the local engine", Assert.Single(query.Notices).Message);
    }

    [Fact]
    public void Every_saved_query_in_ops_queries_parses_and_runs_locally()
    {
        var catalog = LogFixtures.SavedQueries;

        Assert.Equal(6, catalog.All.Count);
        Assert.All(catalog.All, saved => Assert.True(LogsQuery.Parse(saved.Query).RunsLocally, saved.Slug));
    }
}
