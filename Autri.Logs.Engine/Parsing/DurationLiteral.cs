namespace Autri.Logs.Engine.Parsing;

public enum DurationUnit { Millisecond, Second, Minute, Hour, Day, Week, Month, Quarter, Year }

/// <summary>A time period such as <c>5m</c>, <c>1h</c>, <c>30s</c> or <c>1d</c>, as used by <c>bin</c> and <c>datefloor</c>.</summary>
public sealed record DurationLiteral(double Amount, DurationUnit Unit, SourcePosition Position, string Text)
    : QueryExpression(Position, Text)
{
    // The units the stats page lists for bin(); each may also take a plural "s".
    private static readonly Dictionary<string, DurationUnit> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ms"] = DurationUnit.Millisecond, ["msec"] = DurationUnit.Millisecond, ["millisecond"] = DurationUnit.Millisecond,
        ["s"] = DurationUnit.Second, ["sec"] = DurationUnit.Second, ["second"] = DurationUnit.Second,
        ["m"] = DurationUnit.Minute, ["min"] = DurationUnit.Minute, ["minute"] = DurationUnit.Minute,
        ["h"] = DurationUnit.Hour, ["hr"] = DurationUnit.Hour, ["hour"] = DurationUnit.Hour,
        ["d"] = DurationUnit.Day, ["day"] = DurationUnit.Day,
        ["w"] = DurationUnit.Week, ["week"] = DurationUnit.Week,
        ["mo"] = DurationUnit.Month, ["mon"] = DurationUnit.Month, ["month"] = DurationUnit.Month,
        ["q"] = DurationUnit.Quarter, ["qtr"] = DurationUnit.Quarter, ["quarter"] = DurationUnit.Quarter,
        ["y"] = DurationUnit.Year, ["yr"] = DurationUnit.Year, ["year"] = DurationUnit.Year,
    };

    public static bool TryParseUnit(string unit, out DurationUnit parsed)
    {
        if (Units.TryGetValue(unit, out parsed)) return true;
        return unit.Length > 2 && unit.EndsWith('s') && Units.TryGetValue(unit[..^1], out parsed);
    }

    /// <summary>The longest period accepted: 10,000 years, well inside what dates and time spans can hold.</summary>
    public const double MaxDays = 10_000 * 366;

    /// <summary>The period's length in days, calendar units at their longest (31-day months).</summary>
    public double ApproximateDays => Amount * Unit switch
    {
        DurationUnit.Millisecond => 1.0 / 86_400_000,
        DurationUnit.Second => 1.0 / 86_400,
        DurationUnit.Minute => 1.0 / 1_440,
        DurationUnit.Hour => 1.0 / 24,
        DurationUnit.Day => 1,
        DurationUnit.Week => 7,
        DurationUnit.Month => 31,
        DurationUnit.Quarter => 92,
        _ => 366,
    };

    /// <summary>The fixed length of the period, or null for calendar units (month, quarter, year).</summary>
    public TimeSpan? FixedLength => Unit switch
    {
        DurationUnit.Millisecond => TimeSpan.FromMilliseconds(Amount),
        DurationUnit.Second => TimeSpan.FromSeconds(Amount),
        DurationUnit.Minute => TimeSpan.FromMinutes(Amount),
        DurationUnit.Hour => TimeSpan.FromHours(Amount),
        DurationUnit.Day => TimeSpan.FromDays(Amount),
        DurationUnit.Week => TimeSpan.FromDays(7 * Amount),
        _ => null,
    };
}
