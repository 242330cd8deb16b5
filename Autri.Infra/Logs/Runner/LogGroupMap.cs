using Autri.Domain.Logs;

namespace Autri.Infra.Logs.Runner;

/// <summary>
/// Logical log groups (<c>portal</c>, <c>mcp</c>, <c>triggers</c>: what saved queries and links name) → the names
/// the backend reads. Configured by <c>Logs:Groups:&lt;logical&gt;</c> (comma-separated real names). In local mode
/// an unmapped name is the file name itself (<c>portal</c> → <c>portal.jsonl</c>); in AWS mode it must be configured.
/// </summary>
public sealed class LogGroupMap
{
    public static readonly IReadOnlyList<string> StandardGroups = ["portal", "mcp", "triggers"];

    private readonly Dictionary<string, IReadOnlyList<string>> _configured;
    private readonly bool _localNames;

    public LogGroupMap(IReadOnlyDictionary<string, string> configured, bool localNames)
    {
        _configured = configured.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<string>)kv.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            StringComparer.Ordinal);
        _localNames = localNames;
    }

    /// <summary>The logical names offered in the editor: the standard ones and any configured.</summary>
    public IReadOnlyList<string> Logical => StandardGroups.Union(_configured.Keys, StringComparer.Ordinal).ToList();

    /// <summary>The backend names of <paramref name="logical"/>, without duplicates, in order.</summary>
    /// <exception cref="LogsQueryException">InvalidParameterException naming the configuration key of an unmapped group.</exception>
    public IReadOnlyList<string> Resolve(IEnumerable<string> logical)
    {
        var names = new List<string>();
        foreach (var name in logical.Distinct(StringComparer.Ordinal))
        {
            if (_configured.TryGetValue(name, out var real) && real.Count > 0) names.AddRange(real);
            else if (_localNames && LocalLogFiles.IsValidGroupName(name)) names.Add(name);
            else if (_localNames) throw new LogsQueryException("InvalidParameterException", $"'{name}' is not a valid log group name");
            else throw new LogsQueryException("InvalidParameterException",
                $"Log group '{name}' is not configured: set {LogRunnerOptions.Section}:Groups:{name} to its CloudWatch log group name(s)");
        }
        return names.Distinct(StringComparer.Ordinal).ToList();
    }
}
