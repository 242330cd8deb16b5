using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Autri.Infra.KeyRing;

public static class KeyRingSetup
{
    /// <summary>
    /// Data Protection with its key ring in Postgres (every instance reads the others' cookies), each key's secret
    /// encrypted under <paramref name="keys"/> before it is stored, checked against them on every read (a wrong key
    /// stops the portal rather than start a ring of its own), and the start-up re-encryption of older entries.
    /// Reading the table alone therefore signs no cookie and unprotects nothing.
    /// </summary>
    public static IServiceCollection AddEncryptedKeyRing(this IServiceCollection services, string applicationName, KeyEncryptionKeys keys)
    {
        services.AddSingleton(keys);
        services.AddSingleton(sp => new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddDataProtection().SetApplicationName(applicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new CheckedKeyRingRepository(sp.GetRequiredService<PostgresXmlRepository>(), keys);
            o.XmlEncryptor = new KeyRingEncryptor(keys);
        }));
        services.AddSingleton<IAfterMigrations, KeyRingReEncryption>();
        return services;
    }
}
