using Microsoft.Extensions.Primitives;

namespace Autri.Coordination.Deployments;

/// <summary>
/// Every agent route is <c>/v1/deployments/{deploymentId}/…</c> with <c>Authorization: Bearer autri_dc_…</c>: the
/// licence's deployment id plus the credential issued with it. Anything else is 401, the same answer for an unknown
/// deployment and a wrong credential.
/// </summary>
public sealed class DeploymentAuthentication(DeploymentRegistry registry, ILogger<DeploymentAuthentication> log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var id = http.Request.RouteValues["deploymentId"] is string s && Guid.TryParse(s, out var g) ? g : Guid.Empty;
        var credential = Bearer(http.Request.Headers.Authorization);
        if (id == Guid.Empty || credential is null || !await registry.VerifyAsync(id, credential, http.RequestAborted))
        {
            log.LogWarning(new EventId(10, "agent_auth_failed"), "Refused an agent request for deployment {deployment_id} ({reason})",
                id, credential is null ? "no credential" : "unknown deployment or wrong credential");
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Unauthorized();
        }
        return await next(context);
    }

    private static string? Bearer(StringValues header) =>
        header.ToString() is { } h && h.StartsWith("Bearer ", StringComparison.Ordinal) && DeploymentCredential.LooksLikeOne(h[7..].Trim())
            ? h[7..].Trim() : null;
}
