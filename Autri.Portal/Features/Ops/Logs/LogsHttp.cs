namespace Autri.Portal.Features.Ops.Logs;

public static class LogsHttp
{
    /// <summary>
    /// Sets the status of a page that explains itself (unknown query, bad range). The portal's status-code pages
    /// would otherwise re-execute the request into /status/N after this page rendered, which fails.
    /// </summary>
    public static void SetStatus(HttpContext? http, int code)
    {
        if (http is null) return;
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        http.Response.StatusCode = code;
    }
}
