namespace Autri.Portal.Features.Ops.Logs;

/// <summary>
/// How stored results are shown, all in the query string so a view is a link: <c>sort</c> (a column),
/// <c>dir</c> (asc|desc), <c>page</c> (1-based) and <c>measure</c> (the aggregation the chart draws).
/// </summary>
public sealed record ResultView(string? Sort, bool Descending, int Page, string? Measure)
{
    public const int PageSize = 200;

    public static readonly ResultView Default = new(null, false, 1, null);

    public static ResultView From(string? sort, string? dir, int? page, string? measure) =>
        new(string.IsNullOrWhiteSpace(sort) ? null : sort, string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase),
            page is > 0 ? page.Value : 1, string.IsNullOrWhiteSpace(measure) ? null : measure);

    /// <summary>The query string (with its leading <c>?</c>, or empty) that reproduces this view.</summary>
    public string Query()
    {
        var parts = new List<string>();
        if (Sort is not null)
        {
            parts.Add("sort=" + Uri.EscapeDataString(Sort));
            parts.Add("dir=" + (Descending ? "desc" : "asc"));
        }
        if (Page > 1) parts.Add("page=" + Page);
        if (Measure is not null) parts.Add("measure=" + Uri.EscapeDataString(Measure));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>Sorting by <paramref name="column"/>: ascending first, the other way when it is already the sort.</summary>
    public ResultView SortedBy(string column) =>
        this with { Sort = column, Descending = Sort == column && !Descending, Page = 1 };
}
