namespace Autri.Domain.Tests.Logs;

public class QueryRangeTests
{
    [Theory]
    [InlineData("1h", 60)]
    [InlineData("15m", 15)]
    [InlineData("7d", 10080)]
    public void Ranges_from_the_runbook_url_parse(string text, int minutes)
    {
        Assert.True(QueryRange.TryParse(text, out var range));
        Assert.Equal(TimeSpan.FromMinutes(minutes), range.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1x")]
    [InlineData("-1h")]
    [InlineData("400d")]
    public void Nonsense_ranges_do_not_parse(string text) => Assert.False(QueryRange.TryParse(text, out _));
}
