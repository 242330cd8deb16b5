using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Autri.Infra.Health;

/// <summary>
/// The probes the portal and the MCP server both answer (ALB target group, AgentCore, local scripts). They are
/// anonymous, so they say ready or not and nothing else: why an instance is not ready (which migrations are
/// pending, what the database error is) goes to the log, and the portal's admin Health page shows it.
/// </summary>
public static class HealthProbes
{
    public const string Ready = "ready";
    public const string NotReady = "not ready";

    public static void MapHealthProbes(this IEndpointRouteBuilder app)
    {
        var readiness = new ReadinessLog(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Autri.Health"));

        // Liveness: the process answers. Never touches dependencies, so a database outage does not restart the task.
        app.MapGet("/healthz", () => TypedResults.Text("ok"));

        // Readiness: the database answers and the schema is current; load balancers route only to ready instances.
        app.MapGet("/readyz", async Task<ContentHttpResult> (Migrator migrator, CancellationToken ct) =>
        {
            string? problem;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                var pending = await migrator.PendingAsync(timeout.Token);
                problem = pending.Count == 0 ? null : "migrations pending: " + string.Join(", ", pending);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                problem = $"database unreachable ({ex.GetType().Name}: {ex.Message})";
            }
            readiness.Record(problem);
            return problem is null ? TypedResults.Text(Ready) : TypedResults.Text(NotReady, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }

    /// <summary>
    /// The running version, for the coordination agent's heartbeat (and people checking a deployment). No dependency is
    /// touched, so it answers whenever the process does.
    /// </summary>
    public static void MapVersionProbe(this IEndpointRouteBuilder app, string appName, Assembly assembly)
    {
        var version = new AppVersion(appName, ProductVersion.Of(assembly));
        app.MapGet("/version", () => TypedResults.Json(version));
    }

    /// <summary>Logs the reason once each time it changes, not at every probe (load balancers probe every few seconds).</summary>
    private sealed class ReadinessLog(ILogger log)
    {
        private readonly Lock _gate = new();
        private string? _last;

        public void Record(string? problem)
        {
            lock (_gate)
            {
                if (problem == _last) return;
                _last = problem;
            }
            if (problem is null) log.LogInformation(new EventId(80, "ready"), "Ready: the database answers and migrations are current");
            else log.LogWarning(new EventId(81, "not_ready"), "Not ready: {problem}", problem);
        }
    }
}
