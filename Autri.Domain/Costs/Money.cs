namespace Autri.Domain.Costs;

/// <summary>
/// An amount in the unit the AWS answer named (USD in practice). Decimal, never double: AWS sends amounts as
/// decimal strings such as "604.4560000000000172803993336856365203857421875", and sums must not drift.
/// </summary>
public readonly record struct Money(decimal Amount, string Unit)
{
    public static Money Zero(string unit) => new(0m, unit);

    /// <summary>Parses AWS's decimal strings, exponent forms ("1.2E-8") included; digits beyond decimal's 28-29 are rounded.</summary>
    public static Money Parse(string amount, string unit)
    {
        if (string.IsNullOrWhiteSpace(unit)) throw new FormatException($"The amount {amount} has no unit");
        return decimal.TryParse(amount.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? new(value, unit)
            : throw new FormatException($"Not an amount: '{amount}'");
    }

    public Money Plus(Money other)
    {
        if (other.Unit != Unit) throw new InvalidOperationException($"Cannot add {other.Unit} to {Unit}");
        return new(Amount + other.Amount, Unit);
    }

    public bool IsPositive => Amount > 0m;

    /// <summary>Two decimals, grouped, with the unit: "1,234.57 USD"; amounts under a cent show as "&lt; 0.01 USD".</summary>
    public string Display()
    {
        if (Amount is > 0m and < 0.005m) return "< 0.01 " + Unit;
        return Amount.ToString("N2", CultureInfo.InvariantCulture) + " " + Unit;
    }

    public override string ToString() => Display();
}
