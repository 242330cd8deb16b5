namespace Autri.Domain.Coordination;

/// <summary>
/// Everything a heartbeat may say, and nothing else: these records ARE the allow-list. Every field is an id, a time,
/// a version, a health state, a migration file name or a count; <see cref="HeartbeatRules"/> checks the few strings
/// against strict patterns, and the coordination service refuses any member it does not know. No name, email,
/// query, document text or log line has a place to go. docs/operators/customer-managed.md lists every field.
/// </summary>
public sealed record Heartbeat(
    Guid DeploymentId,
    DateTimeOffset SentAt,
    AppReport Portal,
    AppReport Mcp,
    DatabaseReport Database,
    UsageCounts? Counts,
    CatchUp? CatchUp);

/// <summary>An app's health from its <c>/readyz</c> and its version from its <c>/version</c> (null when unknown).</summary>
public sealed record AppReport(AppHealth Health, string? Version);

/// <summary>The database as the portal sees it: reachable and current, and the last migration applied.</summary>
public sealed record DatabaseReport(AppHealth Health, string? LastMigration, DateTimeOffset? LastMigrationAt);

/// <summary>Counts only (turned off with <c>Agent:SendCounts=false</c>): accounts, live connectors, MCP tool calls in the last 24 hours.</summary>
public sealed record UsageCounts(int Users, int Connectors, int ToolCallsLastDay);

/// <summary>
/// Sent once, with the first heartbeat the service accepts after it could not be reached: how many heartbeats were
/// missed, over which period, and how many of those found each part unhealthy.
/// </summary>
public sealed record CatchUp(int Missed, DateTimeOffset Since, DateTimeOffset Until, int PortalUnhealthy, int McpUnhealthy, int DatabaseUnhealthy);
