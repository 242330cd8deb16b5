namespace Autri.Portal.Web;

/// <summary>
/// Explicit limits on what a request may carry (Portal:MaxRequestBodyBytes, default 1 MiB): Kestrel's body limit and
/// the form reader's limits. The portal's largest legitimate posts (an allowlist paste, a broadcast, a Logs query) are
/// a few kilobytes. Over a limit: 413 and a page (ErrorHandling); the request was refused before any handler ran.
/// </summary>
public static class RequestLimits
{
    public static void AddPortalRequestLimits(this WebApplicationBuilder builder, PortalOptions portal)
    {
        var max = portal.MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Limits.MaxRequestBodySize = max;
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Services.Configure<FormOptions>(o =>
        {
            o.ValueLengthLimit = (int)Math.Min(max, int.MaxValue);
            o.MultipartBodyLengthLimit = max;
            o.ValueCountLimit = 1024;
            o.KeyLengthLimit = 1024;
        });
    }

    /// <summary>How far over the limit a form post may be and still be read to its end for the page: up to 4 times the limit, at most 8 MiB over it.</summary>
    private static long DrainLimit(long max) => max + Math.Min(3 * max, 8L * 1024 * 1024);

    /// <summary>
    /// A form post whose declared length is over the limit, but within <see cref="DrainLimit"/>, is read to its
    /// end and dropped, then answered with the 413 page. Refused at once, as Kestrel refuses it, the browser (or any
    /// client) may still be sending when the connection closes and show a reset connection instead of the page; the
    /// likely case is a person pasting too much, so they get the page. Anything larger, or not a form, is refused at once.
    /// </summary>
    public static void UseOversizedFormPage(this WebApplication app, PortalOptions portal)
    {
        var max = portal.MaxRequestBodyBytes;
        var drainLimit = DrainLimit(max);
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength is { } length && length > max && length <= drainLimit
                && context.Request.HasFormContentType
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = length;
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                await ErrorHandling.WriteTooLargePageAsync(context);
                return;
            }
            await next(context);
        });
    }

    /// <summary>
    /// A body or form over the limits: Kestrel's 413, or the form reader's InvalidDataException, also when the
    /// antiforgery check met it first and wrapped it.
    /// </summary>
    public static bool IsTooLarge(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException) return true;
        return false;
    }
}
