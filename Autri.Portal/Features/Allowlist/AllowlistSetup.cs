using Autri.Infra.Aws.Ssm;
using Autri.Infra.Local;
using Autri.Infra.Parameters;
using Npgsql;

namespace Autri.Portal.Features.Allowlist;

public static class AllowlistSetup
{
    /// <summary>
    /// The beta allowlist: the parameter store it lives in (Postgres with SSM's semantics locally, SSM Parameter Store
    /// in AWS), the cached reader the sign-in gate asks, the editor that writes the same parameter, and locally the
    /// demo accounts' list once migrations are applied.
    /// </summary>
    public static void AddAllowlist(this WebApplicationBuilder builder, PortalOptions portal)
    {
        var services = builder.Services;
        if (portal.IsLocal)
        {
            services.AddSingleton<IParameterStore>(sp => new PostgresParameterStore(sp.GetRequiredService<NpgsqlDataSource>(), "portal", sp.GetRequiredService<TimeProvider>()));
            if (portal.SeedDemoData) services.AddSingleton<IAfterMigrations>(sp => new DemoSeed(sp.GetRequiredService<AllowlistEditor>(), sp.GetRequiredService<ILogger<DemoSeed>>()));
        }
        else
        {
            services.AddAwsClients(builder.Configuration);
            services.AddSingleton<IParameterStore>(sp => new SsmParameterStore(sp.GetRequiredService<ISsmClient>()));
        }
        services.AddSingleton(sp => new AllowlistReader(sp.GetRequiredService<IParameterStore>(), portal.AllowlistParameter,
            TimeSpan.FromSeconds(portal.AllowlistCacheSeconds), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AllowlistReader>>()));
        services.AddSingleton<AllowlistAudit>();
        // Who the list no longer admits has their connectors suspended (read by the MCP server and the triggers): at each
        // save, and every AllowlistMirrorSeconds for edits made outside the portal; that re-read also audits a version no
        // save row accounts for (a portal killed mid-save, a console edit).
        services.AddSingleton(sp => new AllowlistMirror(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IParameterStore>(),
            portal.AllowlistParameter, sp.GetRequiredService<ILogger<AllowlistMirror>>(), sp.GetRequiredService<AllowlistAudit>(),
            TimeSpan.FromSeconds(portal.AllowlistAuditSettleSeconds)));
        services.AddHostedService(sp => new AllowlistMirrorRefresher(sp.GetRequiredService<AllowlistMirror>(), TimeSpan.FromSeconds(portal.AllowlistMirrorSeconds),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AllowlistMirrorRefresher>>()));
        services.AddSingleton(sp => new AllowlistEditor(sp.GetRequiredService<IParameterStore>(), portal.AllowlistParameter,
            sp.GetRequiredService<AllowlistReader>(), sp.GetRequiredService<AllowlistAudit>(), sp.GetRequiredService<AllowlistMirror>(),
            sp.GetRequiredService<ILogger<AllowlistEditor>>()));
    }
}
