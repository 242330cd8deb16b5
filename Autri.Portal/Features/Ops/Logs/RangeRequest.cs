namespace Autri.Portal.Features.Ops.Logs;

/// <summary>
/// The time window a logs URL asks for: <c>range=15m|1h|6h|24h|7d</c> (any whole number of m, h or d up to 30
/// days), or <c>start</c> and optionally <c>end</c> in ISO 8601 (UTC unless an offset is given), which take
/// precedence. Rounded to whole minutes (<see cref="RunWindow"/>).
/// </summary>
public sealed record RangeRequest(DateTimeOffset Start, DateTimeOffset End, string? Relative)
{
    public static readonly IReadOnlyList<string> Choices = QueryRange.SavedQueryChoices;

    /// <returns>The window, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static RangeRequest? Resolve(string? range, string? start, string? end, QueryRange fallback, DateTimeOffset now, out string? error)
    {
        error = null;
        if (!string.IsNullOrWhiteSpace(start) || !string.IsNullOrWhiteSpace(end))
        {
            if (!TryParseTime(start, out var from)) { error = $"start must be an ISO 8601 time such as 2026-11-21T09:00:00Z, got '{start}'"; return null; }
            var to = now;
            if (!string.IsNullOrWhiteSpace(end) && !TryParseTime(end, out to)) { error = $"end must be an ISO 8601 time such as 2026-11-21T10:00:00Z, got '{end}'"; return null; }
            if (to <= from) { error = "end must be after start"; return null; }
            var (s, e) = RunWindow.Absolute(from, to);
            return new RangeRequest(s, e, null);
        }
        var chosen = fallback;
        if (!string.IsNullOrWhiteSpace(range) && !QueryRange.TryParse(range, out chosen))
        {
            error = $"range must be a whole number of minutes, hours or days such as {string.Join(", ", Choices)} (at most 30d), got '{range}'";
            return null;
        }
        var (rs, re) = RunWindow.Relative(chosen.Length, now);
        return new RangeRequest(rs, re, chosen.Text);
    }

    private static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
