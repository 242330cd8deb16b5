namespace Autri.Portal.Web;

/// <summary>
/// Unhandled errors become a plain status page (never a stack trace) and a log line; a database outage is a 503.
/// The error page is written directly rather than re-executed into a Razor component, because a component
/// that failed mid-render leaves the request unable to render another one.
/// </summary>
public static class ErrorHandling
{
    public static void UsePortalErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteErrorPage,
            StatusCodeSelector = ex => DatabaseErrors.IsOutage(ex) ? StatusCodes.Status503ServiceUnavailable
                : RequestLimits.IsTooLarge(ex) ? StatusCodes.Status413PayloadTooLarge
                : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/status/{0}");
    }

    private static async Task WriteErrorPage(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (title, text) = DatabaseErrors.IsOutage(error)
            ? ("Temporarily unavailable", "Our database is not reachable right now. Nothing you entered was saved; please try again in a minute.")
            : RequestLimits.IsTooLarge(error)
                ? ("Too large to accept", TooLargeText)
                : ("Something went wrong", "An unexpected error occurred and has been logged. Please try again.");
        await WritePlainPageAsync(context, title, text);
    }

    public const string StaleFormText = "The form was stale or incomplete (for example, it was open for a long time). Reload the page and try again.";

    public const string TooLargeText = "What you sent is larger than the portal accepts, so it was refused before anything was saved. Shorten it (or send it in parts) and try again.";

    /// <summary>The 413 page for a request over the limits (RequestLimits), when it is met outside the exception handler.</summary>
    public static Task WriteTooLargePageAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return WritePlainPageAsync(context, "Too large to accept", TooLargeText);
    }

    /// <summary>The 400 page for a post without a valid antiforgery token.</summary>
    public static Task WriteStaleFormPageAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return WritePlainPageAsync(context, "The request could not be accepted", StaleFormText);
    }

    /// <summary>A self-contained status page for requests that cannot be re-executed into a component.</summary>
    public static async Task WritePlainPageAsync(HttpContext context, string title, string text)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.NeverStore();
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · Autri</title><link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css"></head>
            <body><main class="container py-5"><h1 class="h3">{title}</h1><p class="lead">{WebUtility.HtmlEncode(text)}</p>
            <p>Reference: <code>{WebUtility.HtmlEncode(context.TraceIdentifier)}</code></p><p><a href="/">Back to the dashboard</a></p></main></body></html>
            """);
    }
}
