using System.Reflection;
using Autri.Domain.Coordination;
using Autri.Infra.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Autri.Infra.Health;

/// <summary>The probes the portal and the MCP server both answer (ALB target group, AgentCore, local scripts).</summary>
public static class HealthProbes
{
    public static void MapHealthProbes(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Never touches dependencies, so a database outage does not restart the task.
        app.MapGet("/healthz", () => TypedResults.Text("ok"));

        // Readiness: the database answers and the schema is current; load balancers route only to ready instances.
        app.MapGet("/readyz", async Task<ContentHttpResult> (Migrator migrator, CancellationToken ct) =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                var pending = await migrator.PendingAsync(timeout.Token);
                return pending.Count == 0
                    ? TypedResults.Text("ready")
                    : TypedResults.Text("migrations pending: " + string.Join(", ", pending), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return TypedResults.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
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
}
