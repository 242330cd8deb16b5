namespace Autri.Infra.Costs;

public static class CostsServiceCollectionExtensions
{
    /// <summary>
    /// The Costs page's AWS-mode services: <see cref="CostCache"/> (options from section "Costs", validated at
    /// start) and <see cref="AwsCostReader"/>. Needs AddAwsClients and an NpgsqlDataSource.
    /// </summary>
    public static IServiceCollection AddAwsCostReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CostsOptions>().Bind(configuration.GetSection(CostsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CostCache>();
        services.TryAddSingleton<AwsCostReader>();
        return services;
    }
}
