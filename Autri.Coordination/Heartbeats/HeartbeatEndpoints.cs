namespace Autri.Coordination.Heartbeats;

public static class HeartbeatEndpoints
{
    /// <summary>Largest heartbeat accepted: a real one is well under a kilobyte.</summary>
    public const int MaxBytes = 8 * 1024;

    public static void MapHeartbeats(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/deployments/{deploymentId:guid}/heartbeats", ReceiveAsync).AddEndpointFilter<DeploymentAuthentication>();

    /// <summary>
    /// Accepts a heartbeat only in the allow-listed shape: any member the records do not declare, any string that is
    /// not a version or a migration name, a body for another deployment, all get 400 and nothing is stored.
    /// </summary>
    private static async Task<Results<NoContent, BadRequest<string>, StatusCodeHttpResult>> ReceiveAsync(
        Guid deploymentId, HttpRequest request, HeartbeatStore store, ILoggerFactory logs, CancellationToken ct)
    {
        var body = await BoundedBody.ReadAsync(request, MaxBytes, ct);
        if (body is null) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        Heartbeat? heartbeat;
        try
        {
            heartbeat = JsonSerializer.Deserialize<Heartbeat>(body, CoordinationJson.Options);
        }
        catch (JsonException ex)
        {
            // The message names the path of the offending member, never its value.
            return TypedResults.BadRequest("The heartbeat is not in the agreed shape: " + ex.Path);
        }
        if (heartbeat is null) return TypedResults.BadRequest("The heartbeat is empty");
        if (heartbeat.DeploymentId != deploymentId) return TypedResults.BadRequest("The heartbeat is for another deployment");
        var problems = HeartbeatRules.Problems(heartbeat);
        if (problems.Count > 0) return TypedResults.BadRequest("The heartbeat was refused: " + string.Join("; ", problems));

        await store.RecordAsync(heartbeat, ct);
        var log = logs.CreateLogger("Autri.Coordination.Heartbeats");
        if (heartbeat.CatchUp is { } catchUp)
            log.LogInformation(new EventId(20, "heartbeat_catch_up"), "Deployment {deployment_id} is back after {missed} missed heartbeat(s)",
                deploymentId, catchUp.Missed);
        return TypedResults.NoContent();
    }
}
