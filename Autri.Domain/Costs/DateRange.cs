namespace Autri.Domain.Costs;

/// <summary>Whole UTC days [Start, End), End exclusive as in Cost Explorer's TimePeriod.</summary>
public sealed record DateRange(DateOnly Start, DateOnly End)
{
    public bool IsEmpty => End <= Start;

    public int Days => IsEmpty ? 0 : End.DayNumber - Start.DayNumber;

    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <summary>Cost Explorer's "yyyy-MM-dd" form.</summary>
    public static string Wire(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseWire(string text) =>
        DateOnly.ParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The last day included, for people: "1 to 14 March" reads better than an exclusive end.</summary>
    public DateOnly LastDay => End.AddDays(-1);

    public override string ToString() => $"{Wire(Start)}..{Wire(End)}";
}
