namespace Autri.Domain.Connectors;

/// <summary>The expiry choices offered for a new API key: none, or a number of days from now.</summary>
public static class ApiKeyLifetime
{
    /// <summary>Form values: "never" or a day count.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Choices =
    [
        ("never", "No expiry (until revoked)"),
        ("30", "30 days"),
        ("90", "90 days"),
        ("365", "1 year"),
    ];

    /// <summary>True with the expiry (null: never) when <paramref name="choice"/> is one of <see cref="Choices"/>.</summary>
    public static bool TryExpiry(string? choice, DateTimeOffset now, out DateTimeOffset? expiresAt)
    {
        expiresAt = null;
        if (string.IsNullOrEmpty(choice) || choice == "never") return true;
        if (!Choices.Any(c => c.Value == choice) || !int.TryParse(choice, out var days)) return false;
        expiresAt = now.AddDays(days);
        return true;
    }
}
