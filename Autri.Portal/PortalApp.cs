using Autri.Portal.Features.AgentApi;
using Autri.Portal.Features.Allowlist;
using Autri.Portal.Features.Health;
using Autri.Portal.Features.Help;
using Autri.Portal.Features.Licence;
using Autri.Portal.Features.Notifications;
using Autri.Portal.Features.Ops.Costs;
using Autri.Portal.Features.Shell;

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
            // Names the static asset manifests (Autri.Portal.staticwebassets.*.json) also when a test process hosts it.
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        // Outside a publish, the build's fingerprinted and compressed copies live in obj/: the runtime manifest maps them.
        builder.WebHost.UseStaticWebAssets();

        var portal = builder.AddValidatedOptions<PortalOptions>(PortalOptions.Section);
        var database = builder.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        AwsModeRequirements.Check(builder.Configuration, portal, database);
        var localLogs = LocalLogsDirectory(builder, portal);
        builder.Logging.AddAutriJsonLogging("portal", localLogs);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddPortalDatabase(portal, database);
        builder.AddAllowlist(portal);
        builder.AddPortalAuthentication(portal);
        builder.AddConnectors();
        builder.AddOAuthServer(portal);
        builder.AddPortalNotifications(portal, database);
        builder.AddOpsLogs(portal, localLogs);
        builder.AddCosts(portal);
        builder.AddAdminPages();
        builder.AddLicence(portal);
        builder.AddAgentApi();
        builder.AddDiagnostics();
        builder.AddPortalPages(portal);
        builder.AddPortalRateLimits();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        var identityOrigin = new Uri(builder.Configuration["Identity:Authority"]!).GetLeftPart(UriPartial.Authority);

        app.UsePortalForwardedHeaders(portal);
        app.UseMiddleware<RequestLogging>();
        app.UseMiddleware<SecurityHeaders>(identityOrigin);
        app.UsePortalHsts(portal);
        app.UsePortalErrorPages();
        app.UseOversizedFormPage(portal);
        // Static assets answer here, before sign-in and the gates: fingerprinted URLs cached for a year as immutable,
        // precompressed (gzip, and Brotli when published), everything else revalidated by ETag. appsettings.json turns
        // the build's development reloading off (ReloadStaticAssetsAtRuntime), so a local Release run caches as deployed.
        app.UseRouting();
        app.MapStaticAssets().ShortCircuit();
        app.UsePortalRateLimitsBeforeAuthentication();
        app.UseAuthentication();
        app.UseMiddleware<AllowlistEnforcement>();
        app.UseMiddleware<AdminAreaGate>();
        app.UsePortalRateLimits();
        app.UseMiddleware<LicenceGate>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<AntiforgeryRejection>();
        app.UseConnectorAccessGate();

        app.MapHealthProbes();
        app.MapVersionProbe("portal", typeof(PortalApp).Assembly);
        app.MapAuth();
        app.MapNotifications();
        app.MapOAuthServer();
        app.MapHelp();
        app.MapCosts();
        app.MapOpsLogs();
        app.MapAgentApi();
        app.MapDiagnostics();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Local mode appends portal.jsonl here, and the Logs pages read it (null in Aws mode: logs go to CloudWatch).</summary>
    private static string? LocalLogsDirectory(WebApplicationBuilder builder, PortalOptions portal) =>
        portal.IsLocal && !string.IsNullOrWhiteSpace(portal.LocalLogsDirectory)
            ? Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, portal.LocalLogsDirectory))
            : null;

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
