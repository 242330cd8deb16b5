using System.Net;
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

    /// <summary>Behind a TLS-terminating proxy: the public scheme and the client's address come from it.</summary>
    public static void UsePortalForwardedHeaders(this WebApplication app, PortalOptions portal)
    {
        if (!portal.TrustForwardedHeaders) return;
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        // Without named proxies trust whoever sends them: an ALB has many addresses, not known in advance.
        foreach (var proxy in portal.KnownProxies)
            forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"Configuration value Portal:KnownProxies holds '{proxy}', which is not an IP address"));
        app.UseForwardedHeaders(forwarded);
    }

    /// <summary>HSTS where the portal is served over https (not in Development, where browsers would remember it for localhost).</summary>
    public static void UsePortalHsts(this WebApplication app, PortalOptions portal)
    {
        if (!app.Environment.IsDevelopment() && portal.IsHttps) app.UseHsts();
    }
}
