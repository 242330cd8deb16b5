using Autri.Infra.Aws;
using Autri.Infra.Database;
using Autri.Infra.Health;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace Autri.Portal.Features.Health;

public static class PortalDatabaseSetup
{
    /// <summary>
    /// Postgres (the shared setup: data source on the portal's role, migrations at start in Local mode only), the Data
    /// Protection key ring in it so every instance accepts every other's cookies, and the probe behind the Health page.
    /// </summary>
    public static void AddPortalDatabase(this WebApplicationBuilder builder, PortalOptions portal, DatabaseOptions database)
    {
        var services = builder.Services;
        if (database.PasswordSecretArn is { Length: > 0 }) services.AddAwsClients(builder.Configuration);
        services.AddDatabase(database, "autri-portal", applyMigrations: portal.IsLocal);
        services.AddDataProtection().SetApplicationName("autri-portal");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));
        services.AddSingleton<DatabaseHealthProbe>();
    }
}
