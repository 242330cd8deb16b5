namespace Autri.Infra.Logs.Runner;

/// <summary>
/// The reuse key of a run: SHA-256 of the query text, the set of log groups and the (rounded) window. Line
/// endings and surrounding blanks do not change the question, nor does the order of the log groups.
/// </summary>
public static class RunKey
{
    public static string Of(string query, IEnumerable<string> logGroups, DateTimeOffset start, DateTimeOffset end)
    {
        var text = new StringBuilder("v1\n")
            .Append(query.ReplaceLineEndings("\n").Trim()).Append('\0')
            .AppendJoin('\n', logGroups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)).Append('\0')
            .Append(start.ToUnixTimeMilliseconds()).Append('\0')
            .Append(end.ToUnixTimeMilliseconds());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
