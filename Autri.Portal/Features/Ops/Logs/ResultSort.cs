namespace Autri.Portal.Features.Ops.Logs;

/// <summary>
/// Sorting stored result rows on the server (<c>?sort=&lt;column&gt;&amp;dir=asc|desc</c>). Values are strings, as
/// AWS returns them: numbers compare as numbers, everything else ordinally (Logs Insights timestamps
/// <c>yyyy-MM-dd HH:mm:ss.fff</c> sort correctly that way); missing values go last either way. Stable.
/// </summary>
public static class ResultSort
{
    public static IReadOnlyList<IReadOnlyList<string?>> Apply(
        IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows, string? column, bool descending)
    {
        var index = column is null ? -1 : IndexOf(columns, column);
        if (index < 0) return rows;
        var keyed = rows.Select((row, position) => (Row: row, Position: position, Value: index < row.Count ? row[index] : null)).ToList();
        keyed.Sort((a, b) =>
        {
            if (a.Value is null || b.Value is null)
                return a.Value is null && b.Value is null ? a.Position.CompareTo(b.Position) : a.Value is null ? 1 : -1;
            var order = Compare(a.Value, b.Value);
            if (descending) order = -order;
            return order != 0 ? order : a.Position.CompareTo(b.Position);
        });
        return keyed.Select(k => k.Row).ToList();
    }

    public static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i], column, StringComparison.Ordinal)) return i;
        return -1;
    }

    private static int Compare(string a, string b)
    {
        var isA = double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x);
        var isB = double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y);
        if (isA && isB) return x.CompareTo(y);
        if (isA != isB) return isA ? -1 : 1;
        return string.CompareOrdinal(a, b);
    }
}
