using Autri.Infra.Database;

namespace Autri.Mcp.Health;

public static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app)
    {
        // Liveness: the process answers. Never touches dependencies, so a database outage does not restart it.
        app.MapGet("/healthz", () => Results.Text("ok"));

        // Readiness: the database answers and the schema is current.
        app.MapGet("/readyz", async (Migrator migrator, CancellationToken ct) =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                var pending = await migrator.PendingAsync(timeout.Token);
                return pending.Count == 0
                    ? Results.Text("ready")
                    : Results.Text("migrations pending: " + string.Join(", ", pending), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return Results.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}
