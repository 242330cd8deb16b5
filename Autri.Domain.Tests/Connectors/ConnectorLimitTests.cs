namespace Autri.Domain.Tests.Connectors;

public class ConnectorLimitTests
{
    [Theory]
    [InlineData(0, 10, true)]
    [InlineData(9, 10, true)]
    [InlineData(10, 10, false)]
    [InlineData(11, 10, false)]
    [InlineData(0, 1, true)]
    [InlineData(1, 1, false)]
    public void Another_connector_is_allowed_only_below_the_limit(int live, int max, bool allowed)
    {
        Assert.Equal(allowed, ConnectorLimit.AllowsAnother(live, max));
    }

    [Fact]
    public void The_limit_message_names_the_limit_and_the_way_out()
    {
        var message = ConnectorLimit.Message(10);

        Assert.Contains("10 active connectors", message);
        Assert.Contains("Revoke one", message);
    }

    [Fact]
    public void The_default_limit_is_ten()
    {
        Assert.Equal(10, ConnectorLimit.Default);
    }
}
