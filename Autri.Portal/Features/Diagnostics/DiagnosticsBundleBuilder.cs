using System.Runtime.InteropServices;

namespace Autri.Portal.Features.Diagnostics;

/// <summary>
/// Builds a diagnostics bundle from what describes the deployment and never from what people stored: versions, the
/// database's migrations, each dependency's state, the configuration keys with secrets masked by the Health page's
/// rule (<see cref="HealthReport.Sources"/>), the agent's health history, and recent warnings and errors as message
/// templates without their values (<see cref="RecentErrorLog"/>). It reads no user, document, query or notification.
/// </summary>
public sealed class DiagnosticsBundleBuilder(HealthReport health, HealthHistory history, RecentErrorLog errors, Migrator migrator, TimeProvider clock)
{
    public const string Format = "autri-diagnostics/1";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public async Task<string> BuildAsync(CancellationToken ct)
    {
        var dependencies = await health.CheckAsync(ct);
        var database = await DatabaseAsync(ct);
        var observations = await HistoryAsync(ct);
        return JsonSerializer.Serialize(new
        {
            Format,
            GeneratedAt = clock.GetUtcNow(),
            Versions = new { Portal = HealthReport.Version, Runtime = RuntimeInformation.FrameworkDescription, Os = RuntimeInformation.OSDescription },
            Database = database,
            Dependencies = dependencies.Select(d => new { d.Name, d.Healthy, d.Detail }),
            Configuration = health.Sources().Select(s => new { Source = s.Name, Values = s.Values.Select(v => new { v.Key, v.Value }) }),
            HealthHistory = observations,
            RecentErrors = errors.Snapshot(),
        }, Json);
    }

    private async Task<object> DatabaseAsync(CancellationToken ct)
    {
        try
        {
            var last = await migrator.LastAppliedAsync(ct);
            return new { Reachable = true, LastMigration = last?.Name, LastMigrationAt = last?.AppliedAt, Pending = await migrator.PendingAsync(ct) };
        }
        catch (Exception ex) when (DatabaseErrors.IsDatabaseError(ex))
        {
            return new { Reachable = false, Error = ex.GetType().Name };
        }
    }

    private async Task<object> HistoryAsync(CancellationToken ct)
    {
        var recent = await history.RecentAsync(limit: 2016, ct); // a week of 5-minute heartbeats
        return recent.Select(o => new
        {
            o.ObservedAt,
            Portal = o.Portal.ToString().ToLowerInvariant(),
            Mcp = o.Mcp.ToString().ToLowerInvariant(),
            Database = o.Database.ToString().ToLowerInvariant(),
            o.Delivered,
        });
    }
}
