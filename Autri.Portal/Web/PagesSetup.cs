using Microsoft.AspNetCore.HttpOverrides;

namespace Autri.Portal.Web;

public static class PagesSetup
{
    /// <summary>Server-rendered Razor components, antiforgery on every form, HSTS for https deployments.</summary>
    public static void AddPortalPages(this WebApplicationBuilder builder, PortalOptions portal)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = PortalCookies.Name(portal, "autri.antiforgery");
            o.Cookie.Path = "/";
            o.Cookie.SecurePolicy = portal.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.AddPortalRequestLimits(portal);
    }

    /// <summary>Behind a TLS-terminating load balancer: the public scheme and the client's address come from it.</summary>
    public static void UsePortalForwardedHeaders(this WebApplication app, PortalOptions portal)
    {
        if (!portal.TrustForwardedHeaders) return;
        // The load balancer's address is not known in advance (an ALB has many), so trust whoever sends them.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        app.UseForwardedHeaders(forwarded);
    }

    /// <summary>HSTS where the portal is served over https (not in Development, where browsers would remember it for localhost).</summary>
    public static void UsePortalHsts(this WebApplication app, PortalOptions portal)
    {
        if (!app.Environment.IsDevelopment() && portal.IsHttps) app.UseHsts();
    }
}
