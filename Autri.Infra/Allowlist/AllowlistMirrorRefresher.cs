using Autri.Infra.Hosting;

namespace Autri.Infra.Allowlist;

/// <summary>
/// Reads the allowlist parameter again at start and every <see cref="Interval"/> on each portal instance and mirrors it
/// (<see cref="AllowlistMirror"/>), so an edit made outside the portal (the SSM console, the CLI) suspends or restores
/// connectors within the interval plus the MCP server's 30 s cache, and a demoted admin's connectors follow the list.
/// A failure is logged and retried at the next tick; the suspensions stay as last mirrored.
/// </summary>
public sealed class AllowlistMirrorRefresher(AllowlistMirror mirror, TimeSpan interval, TimeProvider clock, ILogger<AllowlistMirrorRefresher> log) : BackgroundService
{
    private static readonly EventId Failed = new(42, "allowlist_mirror_failed");

    public TimeSpan Interval { get; } = interval;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(Interval, clock, mirror.RefreshAsync,
            ex => log.LogWarning(Failed, ex, "Mirroring the allowlist into connector suspensions failed; retrying in {interval_s} s", Interval.TotalSeconds),
            stoppingToken);
}
