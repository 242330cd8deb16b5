namespace Autri.Portal.Features.Connectors;

/// <summary>
/// Every URL under <c>/connectors/{id}</c>, whatever the method or page, answers 404 unless the connector
/// belongs to the signed-in person's org: another org's connector is indistinguishable from a missing one.
/// Decided here, before any page renders or any form is dispatched; the pages query by org as well.
/// </summary>
public sealed class ConnectorAccessGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ConnectorStore store)
    {
        if (context.User.Identity?.IsAuthenticated == true && ConnectorIdIn(context.Request.Path) is { } id)
        {
            if (PortalClaims.OrgIdOf(context.User) is not { } orgId || !await store.ExistsInOrgAsync(orgId, id, context.RequestAborted))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }
        await next(context);
    }

    /// <summary>The id in /connectors/{id} or /connectors/{id}/…; null for other paths (/connectors, /connectors/new).</summary>
    internal static Guid? ConnectorIdIn(PathString path)
    {
        if (!path.StartsWithSegments("/connectors", StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue) return null;
        var segment = rest.Value!.TrimStart('/');
        var slash = segment.IndexOf('/');
        if (slash >= 0) segment = segment[..slash];
        return Guid.TryParse(segment, out var id) ? id : null;
    }
}
