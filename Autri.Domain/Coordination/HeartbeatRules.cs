using Autri.Domain.Releases;

namespace Autri.Domain.Coordination;

/// <summary>
/// The checks on a heartbeat's few strings and numbers, made by the agent before sending and by the service on
/// receipt: a version must be a release version, a migration a migration file name. Anything else could carry
/// content, so it is refused rather than trimmed.
/// </summary>
public static partial class HeartbeatRules
{
    public const int MaxCatchUp = 1_000_000;

    [GeneratedRegex(@"^\d{4}_[a-z0-9_]{1,60}\.sql$")]
    private static partial Regex MigrationName();

    public static bool IsMigrationName(string? name) => name is not null && MigrationName().IsMatch(name);

    /// <summary>A version an app reported, in the form a heartbeat carries it (build metadata dropped), or null.</summary>
    public static string? NormalizeVersion(string? reported) => ReleaseVersion.TryParse(reported, out var v) ? v.ToString() : null;

    public static IReadOnlyList<string> Problems(Heartbeat h)
    {
        var problems = new List<string>();
        if (h.DeploymentId == Guid.Empty) problems.Add("deployment_id is empty");
        CheckVersion(problems, "portal.version", h.Portal.Version);
        CheckVersion(problems, "mcp.version", h.Mcp.Version);
        if (h.Database.LastMigration is { } m && !IsMigrationName(m))
            problems.Add("database.last_migration is not a migration file name");
        if ((h.Database.LastMigration is null) != (h.Database.LastMigrationAt is null))
            problems.Add("database.last_migration and last_migration_at go together");
        if (h.Counts is { } c && (c.Users < 0 || c.Connectors < 0 || c.ToolCallsLastDay < 0))
            problems.Add("counts are negative");
        if (h.CatchUp is { } u)
        {
            if (u.Missed is < 1 or > MaxCatchUp) problems.Add("catch_up.missed is out of range");
            if (u.Until < u.Since) problems.Add("catch_up.until is before since");
            foreach (var n in new[] { u.PortalUnhealthy, u.McpUnhealthy, u.DatabaseUnhealthy })
                if (n < 0 || n > u.Missed) { problems.Add("catch_up unhealthy counts are out of range"); break; }
        }
        return problems;
    }

    private static void CheckVersion(List<string> problems, string field, string? version)
    {
        if (version is not null && NormalizeVersion(version) != version) problems.Add($"{field} is not a release version");
    }
}
