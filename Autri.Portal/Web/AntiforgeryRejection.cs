namespace Autri.Portal.Web;

/// <summary>
/// A Razor form posted without a valid antiforgery token is refused here, before the component endpoint
/// starts a response, so the person gets the 400 status page instead of an empty body.
/// </summary>
public sealed class AntiforgeryRejection(RequestDelegate next, ILogger<AntiforgeryRejection> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } refused)
        {
            // Reading the form for the token is where an oversized post is met first: say so, not "stale form".
            if (RequestLimits.IsTooLarge(refused.Error))
            {
                log.LogWarning(new EventId(42, "request_too_large"), "Refused {method} {path}: the body is over the request limits", context.Request.Method, context.Request.Path.Value);
                await ErrorHandling.WriteTooLargePageAsync(context);
                return;
            }
            log.LogWarning(new EventId(40, "antiforgery_rejected"), "Rejected {method} {path} without a valid antiforgery token", context.Request.Method, context.Request.Path.Value);
            await ErrorHandling.WriteStaleFormPageAsync(context);
            return;
        }
        await next(context);
    }
}
