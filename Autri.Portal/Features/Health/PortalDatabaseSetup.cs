using Autri.Infra.KeyRing;

namespace Autri.Portal.Features.Health;

public static class PortalDatabaseSetup
{
    /// <summary>
    /// Postgres (the shared setup: data source on the portal's role, migrations at start in Local mode only), the Data
    /// Protection key ring in it so every instance accepts every other's cookies, its secrets encrypted under the
    /// DataProtection:EncryptionKeys (a file in Local mode), and the probe behind the Health page.
    /// </summary>
    public static void AddPortalDatabase(this WebApplicationBuilder builder, PortalOptions portal, DatabaseOptions database)
    {
        var services = builder.Services;
        if (database.PasswordSecretArn is { Length: > 0 }) services.AddAwsClients(builder.Configuration);
        services.AddDatabase(database, "autri-portal", applyMigrations: portal.IsLocal && database.MigrateAtStart);
        var keyRing = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        services.AddEncryptedKeyRing("autri-portal", keyRing.Load(portal.IsLocal, builder.Environment.ContentRootPath));
        services.AddSingleton<DatabaseHealthProbe>();
    }
}
