using Autri.Domain.Parameters;
using Autri.Infra.Allowlist;
using Autri.Infra.Aws;
using Autri.Infra.Costs;
using Autri.Infra.Database;
using Autri.Infra.Parameters;
using Autri.Infra.Provisioning;
using Autri.Portal.Features.Health;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Autri.Portal.Infrastructure;

public static class InfrastructureSetup
{
    public static void AddPortalInfrastructure(this WebApplicationBuilder builder, PortalOptions portal, DatabaseOptions database)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(database.ToConnectionString()) { Name = "autri-portal" }.Build());
        services.AddSingleton<Migrator>();
        services.AddSingleton<DatabaseStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());

        services.AddDataProtection().SetApplicationName("autri-portal");
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(
                o => o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));

        // Local mode keeps parameters in Postgres; in AWS the same port is SSM Parameter Store.
        if (portal.IsLocal)
        {
            services.AddSingleton<IParameterStore>(sp => new PostgresParameterStore(sp.GetRequiredService<NpgsqlDataSource>(), "portal", sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddAwsClients(builder.Configuration);
            services.AddSingleton<IParameterStore>(sp => new SsmParameterStore(sp.GetRequiredService<Autri.Infra.Aws.Ssm.ISsmClient>()));
            services.AddAwsCostReports(builder.Configuration);
        }
        services.AddSingleton(sp => new AllowlistReader(sp.GetRequiredService<IParameterStore>(), portal.AllowlistParameter,
            TimeSpan.FromSeconds(portal.AllowlistCacheSeconds), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AllowlistReader>>()));
        services.AddSingleton<ProvisioningService>();
        services.AddSingleton<Autri.Infra.Local.DemoSeed>();
        services.AddSingleton<Autri.Infra.Notifications.NotificationStore>();
        services.AddSingleton<Autri.Infra.Users.UserDirectory>();
        services.AddScoped<Autri.Portal.Features.Admin.HealthReport>();
        Autri.Infra.Connectors.ConnectorsServiceCollectionExtensions.AddConnectors(services, builder.Configuration);
    }
}
