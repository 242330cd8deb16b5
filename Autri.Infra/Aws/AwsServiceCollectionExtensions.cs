using Autri.Infra.Aws.CloudWatch;
using Autri.Infra.Aws.Logs;
using Autri.Infra.Aws.Ssm;

namespace Autri.Infra.Aws;

public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the typed AWS clients (ISsmClient, ICognitoIdentityProviderClient, ICloudWatchLogsClient,
    /// ICostExplorerClient, IBudgetsClient, ICloudWatchClient, SecretsManager) as singletons, configured from the "Aws" section (see Aws/README.md)
    /// and signing with the default credential chain. A missing region fails at start-up, naming the key.
    /// To sign with fixed keys (tests, LocalStack), register an <see cref="IAwsCredentialsSource"/> after this.
    /// </summary>
    public static IServiceCollection AddAwsClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsOptions>()
            .Bind(configuration.GetSection(AwsOptions.Section))
            .Validate(o => o.ResolvedRegion is not null, $"Configuration missing value for: {AwsOptions.Section}:Region")
            .Validate(o => o.AccountId is null || (o.AccountId.Length == 12 && o.AccountId.All(char.IsAsciiDigit)), $"{AwsOptions.Section}:AccountId must be 12 digits")
            .Validate(o => o.MaxAttempts >= 1 && AwsService.All.All(s => (o.For(s).MaxAttempts ?? 1) >= 1), "Aws MaxAttempts must be at least 1")
            .Validate(o => o.Timeout > TimeSpan.Zero && AwsService.All.All(s => (o.For(s).Timeout ?? TimeSpan.FromSeconds(1)) > TimeSpan.Zero), "Aws Timeout must be positive")
            .ValidateOnStart();
        services.TryAddSingleton<IAwsCredentialsSource, DefaultChainAwsCredentials>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AwsHttp>();

        services.TryAddSingleton<ISsmClient>(sp => new SsmClient(Create(sp, AwsService.Ssm)));
        services.TryAddSingleton<ICognitoIdentityProviderClient>(sp => new CognitoIdentityProviderClient(Create(sp, AwsService.CognitoIdp)));
        services.TryAddSingleton<ICloudWatchLogsClient>(sp => new CloudWatchLogsClient(Create(sp, AwsService.Logs)));
        services.TryAddSingleton<ICostExplorerClient>(sp => new CostExplorerClient(Create(sp, AwsService.CostExplorer)));
        services.TryAddSingleton<IBudgetsClient>(sp => new BudgetsClient(Create(sp, AwsService.Budgets)));
        services.TryAddSingleton<ICloudWatchClient>(sp => new CloudWatchClient(Create(sp, AwsService.CloudWatch)));
        services.TryAddSingleton(sp => new SecretsManager(Create(sp, SecretsManager.Service)));
        return services;
    }

    private static AwsJsonClient Create(IServiceProvider sp, AwsService service) => new(
        sp.GetRequiredService<IOptions<AwsOptions>>().Value.Resolve(service),
        sp.GetRequiredService<AwsHttp>().Client,
        sp.GetRequiredService<IAwsCredentialsSource>(),
        sp.GetService<ILoggerFactory>()?.CreateLogger<AwsJsonClient>(),
        sp.GetRequiredService<TimeProvider>());
}

/// <summary>One HttpClient for every AWS client: pooled connections, recycled so DNS changes are seen; timeouts are per attempt in AwsJsonClient.</summary>
public sealed class AwsHttp : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public void Dispose() => Client.Dispose();
}
