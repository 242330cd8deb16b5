using Microsoft.AspNetCore.Antiforgery;

namespace Autri.Portal.Web;

/// <summary>
/// A Razor form posted without a valid antiforgery token is refused here, before the component endpoint
/// starts a response, so the person gets the 400 status page instead of an empty body.
/// </summary>
public sealed class AntiforgeryRejection(RequestDelegate next, ILogger<AntiforgeryRejection> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            log.LogWarning(new EventId(40, "antiforgery_rejected"), "Rejected {method} {path} without a valid antiforgery token", context.Request.Method, context.Request.Path.Value);
            await ErrorHandling.WriteStaleFormPageAsync(context);
            return;
        }
        await next(context);
    }
}
