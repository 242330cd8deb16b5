namespace Autri.Portal.Web;

/// <summary>
/// CSP without inline scripts or styles (the pages ship no inline code; htmx's indicator styles are off),
/// no framing, no MIME sniffing. form-action names the IdP because sign-out posts a form that redirects there.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, string identityOrigin)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy($"'self' {identityOrigin}");
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        return next(context);
    }

    /// <summary>
    /// For a page whose form answers with a redirect to another site (the OAuth consent, which sends the browser back to
    /// the client): browsers apply form-action to the redirect too, so that site's origin must be allowed.
    /// </summary>
    public static void AllowFormRedirectTo(HttpContext context, string origin) =>
        context.Response.Headers.ContentSecurityPolicy = Policy($"'self' {origin}");

    private static string Policy(string formAction) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        $"connect-src 'self'; frame-ancestors 'none'; form-action {formAction}; base-uri 'self'; object-src 'none'";
}
