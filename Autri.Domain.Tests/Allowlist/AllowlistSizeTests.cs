namespace Autri.Domain.Tests.Allowlist;

public class AllowlistSizeTests
{
    [Fact]
    public void Size_is_the_utf8_length_of_the_stored_value()
    {
        var list = BetaAllowlist.FromEmails(["a@x.io", "b@x.io"]);

        Assert.Equal("a@x.io,b@x.io".Length, AllowlistSize.Of(list).Bytes);
    }

    [Theory]
    [InlineData(3276, false)]
    [InlineData(3277, true)]
    [InlineData(4096, true)]
    public void The_warning_starts_at_eighty_percent_of_4096_bytes(int bytes, bool warns) =>
        Assert.Equal(warns, new AllowlistSize(bytes).IsNearLimit);

    [Theory]
    [InlineData(4096, false)]
    [InlineData(4097, true)]
    public void Over_means_beyond_4096_bytes(int bytes, bool over) => Assert.Equal(over, new AllowlistSize(bytes).IsOver);

    [Fact]
    public void Percent_and_remaining_describe_the_use()
    {
        var size = new AllowlistSize(2048);

        Assert.Equal(50, size.Percent);
        Assert.Equal(2048, size.Remaining);
    }
}
