namespace Autri.Domain.Connectors;

/// <summary>How long an API key keeps working after it is rotated, so clients can switch without downtime.</summary>
public static class RotationGrace
{
    public static readonly IReadOnlyList<(string Value, string Label, TimeSpan Grace)> Choices =
    [
        ("0", "None: the old key stops working now", TimeSpan.Zero),
        ("1h", "1 hour", TimeSpan.FromHours(1)),
        ("24h", "24 hours", TimeSpan.FromHours(24)),
        ("7d", "7 days", TimeSpan.FromDays(7)),
    ];

    public static bool TryParse(string? value, out TimeSpan grace)
    {
        foreach (var choice in Choices)
        {
            if (choice.Value == value)
            {
                grace = choice.Grace;
                return true;
            }
        }
        grace = default;
        return false;
    }
}
