namespace Autri.Agent.Heartbeats;

/// <summary>A heartbeat, and the portal's status it was made from (null when the portal could not give it).</summary>
public sealed record Observation(Heartbeat Heartbeat, PortalStatus? Status);

/// <summary>
/// Makes one heartbeat from what the apps' probes and the portal's status say, and from nothing else: every value goes
/// through the allow-listed records and <see cref="HeartbeatRules"/> (a version that is not a release version, or a
/// migration that is not a migration file name, becomes null rather than travel).
/// </summary>
public sealed class HeartbeatComposer(PortalClient portal, McpClient mcp, AgentLicence licence, IOptions<AgentOptions> options,
    TimeProvider clock, ILogger<HeartbeatComposer> log)
{
    public async Task<Observation> ComposeAsync(CancellationToken ct)
    {
        var (portalHealth, readyText) = await portal.ReadinessAsync(ct);
        var portalVersion = HeartbeatRules.NormalizeVersion(await portal.VersionAsync(ct));
        var mcpReport = await mcp.ProbeAsync(ct);
        var status = portalHealth == AppHealth.Unreachable ? null : await StatusAsync(ct);
        var migration = status?.LastMigration is { } m && HeartbeatRules.IsMigrationName(m) ? m : null;
        var heartbeat = new Heartbeat(
            licence.Claims.DeploymentId,
            clock.GetUtcNow(),
            new AppReport(portalHealth, portalVersion),
            mcpReport,
            new DatabaseReport(DatabaseHealth(portalHealth, readyText), migration, migration is null ? null : status!.LastMigrationAt),
            options.Value.SendCounts ? status?.Counts : null,
            CatchUp: null);
        return new Observation(heartbeat, status);
    }

    /// <summary>The database as the portal's readiness reports it: ready, migrations pending, or unreachable (or unknown with the portal).</summary>
    private static AppHealth DatabaseHealth(AppHealth portal, string readyText) => portal switch
    {
        AppHealth.Ready => AppHealth.Ready,
        AppHealth.NotReady when readyText.StartsWith("migrations pending", StringComparison.Ordinal) => AppHealth.NotReady,
        _ => AppHealth.Unreachable,
    };

    private async Task<PortalStatus?> StatusAsync(CancellationToken ct)
    {
        try
        {
            return await portal.StatusAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            log.LogWarning(new EventId(20, "portal_status_failed"), "The portal's agent API did not give its status ({reason})", ex.Message);
            return null;
        }
    }
}
