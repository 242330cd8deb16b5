namespace Autri.Domain.Logs;

/// <summary>
/// A look-back window such as <c>1h</c>: the saved-query <c>defaultRange</c> and the <c>?range=</c> of
/// <c>/ops/logs/&lt;slug&gt;</c>. Accepts a whole number followed by m, h or d.
/// </summary>
public sealed record QueryRange(string Text, TimeSpan Length)
{
    /// <summary>The ranges the saved-query format allows for <c>defaultRange</c>.</summary>
    public static readonly IReadOnlyList<string> SavedQueryChoices = ["15m", "1h", "6h", "24h", "7d"];

    public static bool TryParse(string? text, out QueryRange range)
    {
        range = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2) return false;
        text = text.Trim();
        if (!int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1) return false;
        TimeSpan? length = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
        if (length is null || length > TimeSpan.FromDays(30)) return false;
        range = new QueryRange(text, length.Value);
        return true;
    }

    /// <summary>[now - Length, now), the window a relative range means at <paramref name="now"/>.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) EndingAt(DateTimeOffset now) => (now - Length, now);

    public override string ToString() => Text;
}
