namespace Autri.Domain.Logs;

/// <summary>
/// Deep links into the CloudWatch Logs Insights console with a query, its log groups and time range filled in:
/// <c>https://&lt;region&gt;.console.aws.amazon.com/cloudwatch/home?region=&lt;region&gt;#logsV2:logs-insights$3FqueryDetail$3D~(…)</c>.
/// The state is JSURL (<see cref="Jsurl"/>); the fragment is URI-component-encoded with <c>$</c> in place of
/// <c>%</c> as the console writes it, which leaves JSURL's characters as they are. Key order and keys follow a
/// URL the console produced in 2025 (see the tests): end, start, timeType, tz, unit, editorString, queryId, source, lang.
/// </summary>
public static partial class CloudWatchConsoleLink
{
    private const string FragmentPrefix = "#logsV2:logs-insights";

    /// <summary>A link for a fixed window [start, end], shown in <paramref name="timeZone"/> (<c>UTC</c> or <c>LOCAL</c>).</summary>
    public static string Absolute(
        string region, string query, IReadOnlyList<string> logGroups, DateTimeOffset start, DateTimeOffset end,
        string timeZone = "UTC", string? queryId = null)
    {
        var detail = new List<KeyValuePair<string, object?>>
        {
            new("end", IsoMillis(end)),
            new("start", IsoMillis(start)),
            new("timeType", "ABSOLUTE"),
            new("tz", timeZone),
        };
        return Build(region, detail, query, logGroups, queryId);
    }

    /// <summary>A link for "the last <paramref name="lookback"/>", relative to when it is opened.</summary>
    public static string Relative(
        string region, string query, IReadOnlyList<string> logGroups, TimeSpan lookback, string timeZone = "UTC")
    {
        if (lookback <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lookback), "the look-back must be positive");
        var detail = new List<KeyValuePair<string, object?>>
        {
            new("end", 0L),
            new("start", -(long)lookback.TotalSeconds),
            new("timeType", "RELATIVE"),
            new("tz", timeZone),
            new("unit", "seconds"),
        };
        return Build(region, detail, query, logGroups, queryId: null);
    }

    /// <summary>
    /// Reads the query detail back from a console link, in the current form (<c>$3D~(…</c>) or the older one
    /// that percent-encoded the JSURL a second time (<c>$3D$257E$2528…</c>).
    /// </summary>
    /// <exception cref="FormatException">When the URL is not a Logs Insights link.</exception>
    public static Jsurl.Object ReadQueryDetail(string url)
    {
        var at = url.IndexOf(FragmentPrefix, StringComparison.Ordinal);
        if (at < 0) throw new FormatException("not a Logs Insights console link: no " + FragmentPrefix);
        var fragment = Uri.UnescapeDataString(url[(at + FragmentPrefix.Length)..].Replace('$', '%'));
        const string detailKey = "?queryDetail=";
        if (!fragment.StartsWith(detailKey, StringComparison.Ordinal)) throw new FormatException("the link has no queryDetail");
        var state = fragment[detailKey.Length..];
        if (!state.StartsWith('~')) state = Uri.UnescapeDataString(state);
        return Jsurl.Parse(state) as Jsurl.Object ?? throw new FormatException("queryDetail is not a JSURL object");
    }

    /// <summary>encodeURIComponent with <c>$</c> as the escape character, as the console writes its fragment.</summary>
    public static string EscapeFragment(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-_.!~*'()".Contains(c))) builder.Append(c);
            else builder.Append('$').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static string Build(
        string region, List<KeyValuePair<string, object?>> detail, string query, IReadOnlyList<string> logGroups, string? queryId)
    {
        if (!RegionPattern().IsMatch(region)) throw new ArgumentException($"'{region}' is not an AWS region name", nameof(region));
        if (logGroups.Count == 0) throw new ArgumentException("at least one log group is needed", nameof(logGroups));
        detail.Add(new("editorString", query));
        if (queryId is not null) detail.Add(new("queryId", queryId));
        detail.Add(new("source", logGroups.ToList()));
        detail.Add(new("lang", "CWLI"));
        var state = Jsurl.Stringify(new Jsurl.Object(detail));
        return $"https://{region}.console.aws.amazon.com/cloudwatch/home?region={region}{FragmentPrefix}"
            + EscapeFragment("?queryDetail=" + state);
    }

    private static string IsoMillis(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
