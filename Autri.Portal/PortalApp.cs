using Autri.Infra.Health;
using Autri.Infra.Database;
using Autri.Infra.Logging;
using Autri.Portal.Features.Admin;
using Autri.Portal.Features.Allowlist;
using Autri.Portal.Features.Auth;
using Autri.Portal.Features.Connectors;
using Autri.Portal.Features.Notifications;
using Autri.Portal.Features.OAuth;
using Autri.Portal.Features.Ops.Costs;
using Autri.Portal.Features.Ops.Logs;
using Autri.Portal.Features.Shell;
using Autri.Portal.Infrastructure;
using Autri.Portal.Web;
using Microsoft.AspNetCore.HttpOverrides;

namespace Autri.Portal;

/// <summary>Builds the portal; Program.cs runs it and tests start the same app on a real Kestrel.</summary>
public static class PortalApp
{
    /// <param name="configure">Runs first (tests add configuration here).</param>
    /// <param name="services">Runs after the app's registrations, so tests can decorate a service (e.g. IParameterStore).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ContentRoot(),
        });
        configure?.Invoke(builder);

        var portal = builder.AddValidatedOptions<PortalOptions>(PortalOptions.Section);
        var database = builder.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        AwsModeRequirements.Check(builder.Configuration, portal, database);
        var localLogs = portal.IsLocal && !string.IsNullOrWhiteSpace(portal.LocalLogsDirectory)
            ? Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, portal.LocalLogsDirectory))
            : null;
        builder.Logging.AddAutriJsonLogging("portal", localLogs);

        builder.AddPortalInfrastructure(portal, database);
        builder.AddOpsLogs(portal, localLogs);
        builder.AddPortalAuthentication(portal);
        builder.AddOAuthServer(portal);
        builder.AddPortalNotifications(portal, database);
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "autri.antiforgery";
            o.Cookie.SecurePolicy = portal.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.AddAllowlistEditor(portal);
        builder.AddConfigView();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        var identityOrigin = new Uri(builder.Configuration["Identity:Authority"]!).GetLeftPart(UriPartial.Authority);

        if (portal.TrustForwardedHeaders)
        {
            // The load balancer's address is not known in advance (an ALB has many), so trust whoever sends them.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }
        app.UseMiddleware<RequestLogging>();
        app.UseMiddleware<SecurityHeaders>(identityOrigin);
        if (!app.Environment.IsDevelopment() && portal.IsHttps) app.UseHsts();
        app.UsePortalErrorPages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseMiddleware<AllowlistEnforcement>();
        app.UseMiddleware<AdminAreaGate>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<AntiforgeryRejection>();

        app.MapHealthProbes();
        app.MapAuth();
        app.MapNotifications();
        app.MapConnectors();
        app.MapOAuthServer();
        app.MapCosts();
        app.MapOpsLogs();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>The project folder when run from source or tests (wwwroot lives there), else the app folder.</summary>
    private static string ContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "Autri.Portal");
            if (File.Exists(Path.Combine(project, "Autri.Portal.csproj"))) return project;
        }
        return AppContext.BaseDirectory;
    }
}
