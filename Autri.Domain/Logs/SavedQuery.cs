namespace Autri.Domain.Logs;

/// <summary>
/// A Logs Insights query kept in <c>ops/queries/&lt;slug&gt;.logsql</c>: deployed by infra-cdk as a query definition
/// and run by the portal at <c>/ops/logs/&lt;slug&gt;</c>. <see cref="LogGroups"/> are logical names
/// (<c>portal</c>, <c>mcp</c>, <c>triggers</c>) that configuration maps to real log groups.
/// </summary>
public sealed record SavedQuery(
    string Slug,
    string Title,
    string Description,
    IReadOnlyList<string> LogGroups,
    string Query,
    QueryRange DefaultRange,
    ChartKind Chart);
