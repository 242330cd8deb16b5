namespace Autri.Agent.Heartbeats;

/// <summary>
/// The agent's one loop. Every <see cref="AgentOptions.HeartbeatInterval"/>: observe, send the heartbeat, tell the
/// portal what was seen. While the service cannot be reached, keep observing at growing, jittered intervals
/// (<see cref="RetryBackoff"/>) and keep a tally; the first heartbeat that gets through carries the tally as one
/// summary. After a heartbeat gets through: hand the licence to the portal, check the release manifest (every
/// <see cref="AgentOptions.ManifestInterval"/>), and send the diagnostics bundles admins asked for. Nothing stops the
/// loop but the host stopping: every failure is logged and retried.
/// </summary>
public sealed class HeartbeatLoop(HeartbeatComposer composer, CoordinationClient coordination, PortalClient portal, ReleaseWatch releases,
    DiagnosticsRelay diagnostics, AgentLicence licence, IOptions<AgentOptions> options, TimeProvider clock, ILogger<HeartbeatLoop> log) : BackgroundService
{
    private readonly CatchUpTally _tally = new();
    private readonly Random _jitter = new();
    private int _failures;
    private DateTimeOffset _nextManifestCheck = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStart();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await BeatAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(new EventId(19, "heartbeat_cycle_failed"), ex, "A heartbeat cycle failed unexpectedly; trying again");
                wait = RetryBackoff.Delay(_failures++, options.Value.BackoffInitial, options.Value.EffectiveBackoffMax, _jitter);
            }
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One cycle; returns how long to wait before the next.</summary>
    private async Task<TimeSpan> BeatAsync(CancellationToken ct)
    {
        var o = options.Value;
        var observation = await composer.ComposeAsync(ct);
        var heartbeat = observation.Heartbeat with { CatchUp = _tally.Summary() };
        var delivered = await SendAsync(heartbeat, ct);
        await RecordAsync(heartbeat, delivered, ct);
        if (!delivered)
        {
            _tally.Missed(heartbeat);
            var wait = RetryBackoff.Delay(_failures++, o.BackoffInitial, o.EffectiveBackoffMax, _jitter);
            log.LogWarning(new EventId(12, "heartbeat_retry"), "Next try in {delay_ms} ms (attempt {attempt}; {missed} heartbeat(s) to summarize)",
                (long)wait.TotalMilliseconds, _failures, _tally.Summary()!.Missed);
            return wait;
        }

        if (heartbeat.CatchUp is { } caughtUp)
            log.LogInformation(new EventId(13, "heartbeat_caught_up"), "The coordination service is reachable again; sent one summary of {missed} missed heartbeat(s)", caughtUp.Missed);
        _tally.Clear();
        _failures = 0;
        await HandOverLicenceAsync(ct);
        if (clock.GetUtcNow() >= _nextManifestCheck && observation.Status is { } status)
        {
            await releases.CheckAsync(status.Version, ct);
            _nextManifestCheck = clock.GetUtcNow() + o.ManifestInterval;
        }
        await diagnostics.RelayAsync(ct);
        return o.HeartbeatInterval;
    }

    private async Task<bool> SendAsync(Heartbeat heartbeat, CancellationToken ct)
    {
        var problems = HeartbeatRules.Problems(heartbeat);
        if (problems.Count > 0)
        {
            // Cannot happen with the composer's checks; if it does, nothing is sent rather than something unchecked.
            log.LogError(new EventId(14, "heartbeat_invalid"), "A heartbeat failed its own checks and was not sent: {problems}", string.Join("; ", problems));
            return false;
        }
        try
        {
            await coordination.SendHeartbeatAsync(heartbeat, ct);
            log.LogInformation(new EventId(10, "heartbeat_sent"), "Heartbeat sent (portal {portal}, MCP {mcp}, database {database})",
                heartbeat.Portal.Health, heartbeat.Mcp.Health, heartbeat.Database.Health);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(new EventId(11, "heartbeat_failed"), "The coordination service did not take the heartbeat ({reason})",
                Http.IsUnreachable(ex) ? "unreachable" : ex.Message);
            return false;
        }
    }

    /// <summary>The portal keeps what the agent saw as the deployment's health history (for diagnostics bundles).</summary>
    private async Task RecordAsync(Heartbeat h, bool delivered, CancellationToken ct)
    {
        try
        {
            await portal.RecordHealthAsync(new HealthObservation(h.SentAt, h.Portal.Health, h.Mcp.Health, h.Database.Health, delivered), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(new EventId(21, "portal_unreachable"), "Could not record the observation with the portal ({reason})", ex.Message);
        }
    }

    /// <summary>Every cycle, so a portal whose database was restored has the licence again within one interval.</summary>
    private async Task HandOverLicenceAsync(CancellationToken ct)
    {
        try
        {
            await portal.InstallLicenceAsync(licence.Document, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(new EventId(22, "licence_handover_failed"), "The portal did not take the licence ({reason})", ex.Message);
        }
    }

    private void LogStart()
    {
        var status = LicenceRule.Evaluate(licence.Claims, clock.GetUtcNow());
        var level = status.Standing == LicenceStanding.Valid ? LogLevel.Information : LogLevel.Warning;
        log.Log(level, new EventId(1, "agent_started"),
            "Agent {version} for deployment {deployment_id} (customer {customer_id}); licence {standing} until {expires_at}; channel {channel}; heartbeat every {interval_s} s",
            Autri.Infra.Health.ProductVersion.Of(typeof(HeartbeatLoop).Assembly), licence.Claims.DeploymentId, licence.Claims.CustomerId,
            status.Standing.ToString(), licence.Claims.ExpiresAt, options.Value.Channel, options.Value.HeartbeatInterval.TotalSeconds);
    }
}
