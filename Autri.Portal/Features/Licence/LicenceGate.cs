namespace Autri.Portal.Features.Licence;

/// <summary>
/// Past the grace period (or with a licence that does not verify), an admin's request for an admin page is sent to
/// the licence page, which says what to do. The licence page and diagnostics stay open (support can still help).
/// Nothing else changes: people's own pages, connectors and the MCP server (which never reads the licence) go on.
/// Runs after <see cref="Web.AdminAreaGate"/>, so only admins reach it for these paths.
/// </summary>
public sealed class LicenceGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, InstalledLicence licence)
    {
        var path = context.Request.Path;
        if ((path.StartsWithSegments("/admin") || path.StartsWithSegments("/ops"))
            && !path.StartsWithSegments(LicencePaths.Page) && !path.StartsWithSegments(DiagnosticsPaths.Page)
            && (await licence.StatusAsync(context.RequestAborted)).BlocksAdminPages)
        {
            context.Response.Redirect(LicencePaths.Page);
            return;
        }
        await next(context);
    }
}
