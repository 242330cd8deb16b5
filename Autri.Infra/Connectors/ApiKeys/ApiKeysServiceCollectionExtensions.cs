namespace Autri.Infra.Connectors.ApiKeys;

public static class ApiKeysServiceCollectionExtensions
{
    /// <summary>
    /// Registers API-key issuing and verification from the <c>ApiKeys</c> section (see <see cref="ApiKeyOptions"/>),
    /// validated when the host starts. Needs an <see cref="Npgsql.NpgsqlDataSource"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ApiKeyHasher(sp.GetRequiredService<IOptions<ApiKeyOptions>>().Value));
        services.AddSingleton(sp => new ApiKeyCache(sp.GetRequiredService<IOptions<ApiKeyOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ApiKeyLookup(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<LastUseRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<LastUseRecorder>());
        services.AddSingleton(sp => new ApiKeyReplica(sp.GetRequiredService<IOptions<ApiKeyOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<ApiKeyIssuer>();
        return services;
    }

    /// <summary>
    /// Keeps every API key in memory (<see cref="ApiKeyReplica"/>, fed by <see cref="ApiKeyFeed"/>) so a key this process
    /// has not seen is verified without a query: for the MCP server, which verifies keys on every call. Without it the
    /// replica stays empty and verification queries Postgres once per key per <c>ApiKeys:CacheSeconds</c>.
    /// </summary>
    public static IServiceCollection AddApiKeyReplica(this IServiceCollection services)
    {
        services.AddHostedService<ApiKeyFeed>();
        return services;
    }
}
