using Microsoft.AspNetCore.HttpOverrides;

namespace Autri.Coordination;

/// <summary>Response headers for every answer: no framing, no sniffing, no script or remote content on the one page.</summary>
public sealed class CoordinationHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var h = context.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        return next(context);
    }
}

public static class ForwardedHeadersSetup
{
    /// <summary>Behind the TLS-terminating reverse proxy the README describes: the scheme and client address come from it.</summary>
    public static void UseCoordinationForwardedHeaders(this WebApplication app, CoordinationOptions options)
    {
        if (!options.TrustForwardedHeaders) return;
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        app.UseForwardedHeaders(forwarded);
    }
}
