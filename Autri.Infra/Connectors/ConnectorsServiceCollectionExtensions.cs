namespace Autri.Infra.Connectors;

public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers connectors (section <c>Connectors</c>, see <see cref="ConnectorOptions"/>, validated at start) and the
    /// API keys they use (section <c>ApiKeys</c>). Needs an <see cref="Npgsql.NpgsqlDataSource"/> and Data Protection.
    /// </summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.Authority)) o.Authority = configuration["Identity:Authority"];
                o.PortalClientId = configuration["Identity:ClientId"];
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ConnectorOptions>>().Value);
        services.AddApiKeys(configuration);
        // The Cognito adapter needs the typed AWS client; AddAwsClients only adds what is missing.
        if (configuration[$"{ConnectorOptions.Section}:Registry"] == "Cognito") services.AddAwsClients(configuration);
        services.TryAddSingleton(TimeProvider.System);

        // One client for the IdP calls; pooled connections are recycled so DNS changes are seen.
        services.AddKeyedSingleton(HttpKey, (_, _) => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(15),
        });
        services.AddSingleton(sp => new IssuerMetadata(sp.GetRequiredKeyedService<HttpClient>(HttpKey), sp.GetRequiredService<ConnectorOptions>()));
        services.AddSingleton<IClientRegistry>(sp => CreateRegistry(sp, sp.GetRequiredService<ConnectorOptions>()));
        services.AddSingleton(sp => new TokenMinter(sp.GetRequiredKeyedService<HttpClient>(HttpKey), sp.GetRequiredService<IssuerMetadata>(),
            sp.GetRequiredService<ConnectorOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RegistrationHandleProtector>();
        services.AddSingleton<ConnectorStore>();
        services.AddSingleton<ConnectorCreator>();
        services.AddSingleton<ConnectorRevoker>();
        services.AddSingleton<ConnectorRenamer>();
        services.AddSingleton<ApiKeyRotator>();
        return services;
    }

    private const string HttpKey = "autri.connectors";

    private static IClientRegistry CreateRegistry(IServiceProvider sp, ConnectorOptions options) => options.IsCognito
        ? new CognitoClientRegistry(sp.GetRequiredService<ICognitoIdentityProviderClient>(), options, sp.GetRequiredService<ILogger<CognitoClientRegistry>>())
        : new DynamicClientRegistry(sp.GetRequiredKeyedService<HttpClient>(HttpKey), sp.GetRequiredService<IssuerMetadata>(), options,
            sp.GetRequiredService<ILogger<DynamicClientRegistry>>());
}
