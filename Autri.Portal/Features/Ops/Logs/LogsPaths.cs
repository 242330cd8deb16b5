namespace Autri.Portal.Features.Ops.Logs;

/// <summary>The Logs pages' URLs, in one place so links and routes agree.</summary>
public static class LogsPaths
{
    public const string Index = "/ops/logs";
    public const string AdHoc = "/ops/logs/query";
    public const string Confirm = "/ops/logs/confirm";

    public static string Saved(string slug, string? range = null) =>
        $"/ops/logs/{Uri.EscapeDataString(slug)}" + (range is null ? "" : "?range=" + Uri.EscapeDataString(range));

    public static string SavedWindow(string slug, DateTimeOffset start, DateTimeOffset end) =>
        $"/ops/logs/{Uri.EscapeDataString(slug)}?start={Iso(start)}&end={Iso(end)}";

    public static string AdHocQuery(string query, IEnumerable<string> groups, string? range, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(query) };
        parts.AddRange(groups.Select(g => "groups=" + Uri.EscapeDataString(g)));
        if (start is { } s && end is { } e)
        {
            parts.Add("start=" + Iso(s));
            parts.Add("end=" + Iso(e));
        }
        else if (range is not null)
        {
            parts.Add("range=" + Uri.EscapeDataString(range));
        }
        return AdHoc + "?" + string.Join('&', parts);
    }

    public static string Run(Guid id, ResultView? view = null) => $"/ops/logs/runs/{id}{view?.Query()}";

    public static string Status(Guid id, ResultView view) => $"/ops/logs/runs/{id}/status{view.Query()}";

    public static string Csv(Guid id, ResultView view) =>
        $"/ops/logs/runs/{id}.csv" + (view.Sort is null ? "" : $"?sort={Uri.EscapeDataString(view.Sort)}&dir={(view.Descending ? "desc" : "asc")}");

    public static string Cancel(Guid id) => $"/ops/logs/runs/{id}/cancel";

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
}
