namespace Autri.Logs.Engine.Execution;

internal enum ValueKind : byte { Missing, String, Number, Bool, Timestamp }

/// <summary>
/// One field value while a query runs. Timestamps are epoch milliseconds and print the way Logs Insights
/// prints them (<c>2026-11-21 10:05:00.000</c>); a missing field stays missing and is left out of result rows.
/// </summary>
internal readonly struct Value : IEquatable<Value>
{
    public static readonly Value Missing = default;

    private Value(ValueKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    public ValueKind Kind { get; }

    /// <summary>Numbers, epoch milliseconds for timestamps, 1/0 for booleans.</summary>
    public double Number { get; }

    public string? Text { get; }

    public bool IsMissing => Kind == ValueKind.Missing;

    public static Value Of(string text) => new(ValueKind.String, 0, text);

    public static Value Of(double number) => new(ValueKind.Number, number, null);

    public static Value Of(bool value) => new(ValueKind.Bool, value ? 1 : 0, null);

    /// <summary>A time; missing when it lies outside the years 1 to 9999, which no date can show.</summary>
    public static Value Timestamp(double epochMilliseconds) =>
        IsTimestampInRange(epochMilliseconds) ? new(ValueKind.Timestamp, epochMilliseconds, null) : Missing;

    public static bool IsTimestampInRange(double epochMilliseconds) =>
        epochMilliseconds is >= MinTimestamp and <= MaxTimestamp;

    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z.
    private const double MinTimestamp = -62_135_596_800_000;
    private const double MaxTimestamp = 253_402_300_799_999;

    /// <summary>The value as a number, when it is one or is text holding only a number.</summary>
    public bool TryNumber(out double number)
    {
        switch (Kind)
        {
            case ValueKind.Number or ValueKind.Timestamp or ValueKind.Bool:
                number = Number;
                return true;
            case ValueKind.String:
                return double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>True for true, non-zero numbers and non-empty text.</summary>
    public bool IsTruthy => Kind switch
    {
        ValueKind.Bool or ValueKind.Number => Number != 0,
        ValueKind.String => Text!.Length > 0,
        ValueKind.Timestamp => true,
        _ => false,
    };

    /// <summary>How GetQueryResults shows the value; null when missing.</summary>
    public string? Display() => Kind switch
    {
        ValueKind.String => Text,
        ValueKind.Number => FormatNumber(Number),
        ValueKind.Bool => Number != 0 ? "true" : "false",
        ValueKind.Timestamp => FormatTimestamp(Number),
        _ => null,
    };

    public static string FormatNumber(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? number.ToString("0", CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);

    public static string FormatTimestamp(double epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(epochMilliseconds))
            .UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public bool Equals(Value other) =>
        Kind == other.Kind && Number.Equals(other.Number) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Number, Text);

    public override string ToString() => Display() ?? "(missing)";
}
