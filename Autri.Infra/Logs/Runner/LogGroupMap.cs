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

    /// <summary>
    /// The logical names behind a run's backend names (for editing it again): each configured group all of whose
    /// names are present, in order; in local mode the remaining names are logical names already.
    /// </summary>
    public IReadOnlyList<string> LogicalOf(IReadOnlyCollection<string> names)
    {
        var logical = new List<string>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (covered.Contains(name)) continue;
            var group = _configured.FirstOrDefault(kv => kv.Value.Count > 0 && kv.Value.Contains(name, StringComparer.Ordinal) && kv.Value.All(names.Contains));
            if (group.Key is not null)
            {
                logical.Add(group.Key);
                covered.UnionWith(group.Value);
            }
            else if (_localNames && LocalLogFiles.IsValidGroupName(name))
            {
                logical.Add(name);
                covered.Add(name);
            }
        }
        return logical;
    }
}
