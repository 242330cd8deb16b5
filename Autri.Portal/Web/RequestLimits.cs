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
