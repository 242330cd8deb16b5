namespace Autri.Domain.Tests.Costs;

public class MoneyTests
{
    [Fact]
    public void Amounts_parse_as_decimals_with_the_unit_from_the_answer()
    {
        Assert.Equal(new Money(12.3456789012m, "USD"), Money.Parse("12.3456789012", "USD"));
        Assert.Equal(new Money(-0.000000012m, "USD"), Money.Parse("-1.2E-8", "USD"));
        Assert.Equal(0m, Money.Parse("0", "USD").Amount);
    }

    [Fact]
    public void The_long_decimals_of_the_Budgets_CLI_sample_parse_without_floating_point_noise_in_the_first_places()
    {
        var spend = Money.Parse("604.4560000000000172803993336856365203857421875", "USD");

        Assert.Equal(604.456m, Math.Round(spend.Amount, 10));
        Assert.Equal("604.46 USD", spend.Display());
    }

    [Fact]
    public void Sums_of_many_small_amounts_do_not_drift()
    {
        var sum = Enumerable.Repeat(Money.Parse("0.1", "USD"), 1000).Aggregate(Money.Zero("USD"), (a, b) => a.Plus(b));

        Assert.Equal(100m, sum.Amount);
    }

    [Fact]
    public void Adding_different_units_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Money.Parse("1", "USD").Plus(Money.Parse("1", "EUR")));
    }

    [Fact]
    public void Text_that_is_not_an_amount_or_has_no_unit_is_refused()
    {
        Assert.Throws<FormatException>(() => Money.Parse("twelve", "USD"));
        Assert.Throws<FormatException>(() => Money.Parse("12", ""));
    }

    [Theory]
    [InlineData("1234.567", "1,234.57 USD")]
    [InlineData("0.004", "< 0.01 USD")]
    [InlineData("0", "0.00 USD")]
    [InlineData("-3.5", "-3.50 USD")]
    public void Display_shows_two_decimals_and_the_unit(string amount, string expected)
    {
        Assert.Equal(expected, Money.Parse(amount, "USD").Display());
    }
}
