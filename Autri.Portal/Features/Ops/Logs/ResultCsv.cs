namespace Autri.Portal.Features.Ops.Logs;

/// <summary>
/// Result rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
/// line break, quotes doubled). Log text is attacker-controlled, so a text cell a spreadsheet would read as a
/// formula (starting with = + - @ tab or CR) gets a leading apostrophe; numbers are left alone.
/// </summary>
public static class ResultCsv
{
    public static string Write(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var csv = new StringBuilder();
        AppendLine(csv, columns);
        foreach (var row in rows) AppendLine(csv, row);
        return csv.ToString();
    }

    public static string Field(string? value)
    {
        if (value is null) return "";
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static void AppendLine(StringBuilder csv, IEnumerable<string?> fields)
    {
        csv.AppendJoin(',', fields.Select(Field));
        csv.Append("\r\n");
    }
}
