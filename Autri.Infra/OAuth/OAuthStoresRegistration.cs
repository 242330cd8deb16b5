using Autri.Infra.OAuth.Clients;
using Autri.Infra.OAuth.SigningKeys;

namespace Autri.Infra.OAuth;

public static class OAuthStoresRegistration
{
    /// <summary>
    /// OpenIddict's core over EF Core stores on the host's <see cref="NpgsqlDataSource"/>, the signing-key store,
    /// client registration (RFC 7591 and metadata documents), the unused-client sweep and app-access grants.
    /// Section <c>OAuth</c> (<see cref="OAuthOptions"/>), validated at start. Needs Data Protection and the connectors.
    /// </summary>
    /// <param name="allowLoopbackDocuments">Local mode only: metadata documents may be served from loopback (tests do).</param>
    public static OpenIddictBuilder AddOAuthStores(this IServiceCollection services, IConfiguration configuration, bool allowLoopbackDocuments)
    {
        services.AddOptions<OAuthOptions>().Bind(configuration.GetSection(OAuthOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OAuthOptions>, OAuthOptionsValidator>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OAuthOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);

        services.AddDbContext<OAuthDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<OAuthOptions>();
            return new SigningKeySchedule(o.SigningKeyRotation, o.SigningKeyLead, o.SigningKeyRetention);
        });
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton(sp => new MetadataDocumentFetcher(sp.GetRequiredService<OAuthOptions>().MetadataDocumentTimeout, allowLoopbackDocuments,
            sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<MetadataDocumentClients>();
        services.AddScoped<ClientRegistrar>();
        services.AddScoped<AppAccessGrants>();
        services.AddSingleton<UnusedClientSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<UnusedClientSweep>());

        return services.AddOpenIddict().AddCore(o => o.UseEntityFrameworkCore().UseDbContext<OAuthDbContext>().ReplaceDefaultEntities<Guid>());
    }
}
