namespace Autri.Coordination.Diagnostics;

public static class DiagnosticsEndpoints
{
    public static void MapDiagnostics(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/deployments/{deploymentId:guid}/diagnostics", ReceiveAsync).AddEndpointFilter<DeploymentAuthentication>();

    /// <summary>A diagnostics bundle from a deployment's admin (through its agent): a JSON object, at most Coordination:MaxDiagnosticsBytes.</summary>
    private static async Task<Results<Created<DiagnosticsReceipt>, BadRequest<string>, StatusCodeHttpResult>> ReceiveAsync(
        Guid deploymentId, HttpRequest request, DiagnosticsStore store, IOptions<CoordinationOptions> options, ILoggerFactory logs, CancellationToken ct)
    {
        var max = options.Value.MaxDiagnosticsBytes;
        var body = await BoundedBody.ReadAsync(request, max, ct);
        var log = logs.CreateLogger("Autri.Coordination.Diagnostics");
        if (body is null)
        {
            log.LogWarning(new EventId(30, "diagnostics_too_large"), "Refused a diagnostics bundle from {deployment_id}: over {max_bytes} bytes", deploymentId, max);
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return TypedResults.BadRequest("A diagnostics bundle is a JSON object.");
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest("A diagnostics bundle is a JSON object.");
        }
        var id = await store.SaveAsync(deploymentId, System.Text.Encoding.UTF8.GetString(body), body.Length, ct);
        log.LogInformation(new EventId(31, "diagnostics_received"), "Diagnostics bundle {upload_id} from {deployment_id} ({size_bytes} bytes)", id, deploymentId, body.Length);
        return TypedResults.Created($"/admin/deployments/{deploymentId}/diagnostics/{id}", new DiagnosticsReceipt(id));
    }
}

/// <summary>What the agent is told (and tells the portal): the reference support staff find the bundle under.</summary>
public sealed record DiagnosticsReceipt(Guid Reference);
