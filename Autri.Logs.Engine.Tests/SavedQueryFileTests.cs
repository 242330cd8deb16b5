namespace Autri.Logs.Engine.Tests;

public class SavedQueryFileTests
{
    private const string Valid = """
        ---
        slug: slow-requests
        title: Slow requests
        description: Portal requests slower than a second.
        logGroups: portal, mcp
        defaultRange: 1h
        chart: table
        ---
        fields @timestamp, duration_ms
        | sort duration_ms desc
        """;

    [Fact]
    public void A_valid_file_gives_every_key_and_the_query()
    {
        var saved = SavedQueryFile.Parse("slow-requests.logsql", Valid);

        Assert.Equal("slow-requests", saved.Slug);
        Assert.Equal("Slow requests", saved.Title);
        Assert.Equal(["portal", "mcp"], saved.LogGroups);
        Assert.Equal(TimeSpan.FromHours(1), saved.DefaultRange.Length);
        Assert.Equal(ChartKind.Table, saved.Chart);
        Assert.Equal("fields @timestamp, duration_ms\n| sort duration_ms desc", saved.Query);
    }

    [Theory]
    [InlineData("slug: slow-requests\n", "", "slow-requests.logsql: missing key 'slug'")]
    [InlineData("defaultRange: 1h", "defaultRange: 2h", "slow-requests.logsql: key 'defaultRange' must be one of 15m, 1h, 6h, 24h, 7d, got '2h'")]
    [InlineData("chart: table", "chart: pie", "slow-requests.logsql: key 'chart' must be timeseries, bar or table, got 'pie'")]
    [InlineData("title: Slow requests", "title:", "slow-requests.logsql: key 'title' is empty")]
    [InlineData("chart: table", "chart: table\nowner: ops", "slow-requests.logsql: unknown key 'owner'")]
    [InlineData("| sort duration_ms desc", "| sort duration_ms desc |", "slow-requests.logsql: query syntax error at line 10, column 26: a | must be followed by a command")]
    public void A_bad_file_is_refused_naming_the_file_and_the_key(string replace, string with, string message)
    {
        var error = Assert.Throws<SavedQueryFormatException>(() => SavedQueryFile.Parse("slow-requests.logsql", Valid.Replace(replace, with)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_slug_must_equal_the_file_name()
    {
        var error = Assert.Throws<SavedQueryFormatException>(() => SavedQueryFile.Parse("ops/queries/slow.logsql", Valid));

        Assert.Equal("slow.logsql: key 'slug' is 'slow-requests' but the file name says 'slow'", error.Message);
    }
}
