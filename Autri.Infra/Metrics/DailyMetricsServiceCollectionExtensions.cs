namespace Autri.Infra.Metrics;

public static class DailyMetricsServiceCollectionExtensions
{
    /// <summary>
    /// The daily CloudWatch metrics (each layer's cost, notifications sent and read), published by one portal instance
    /// a day. Needs AddAwsClients, AddAwsCostReports and an NpgsqlDataSource; options from section "Metrics".
    /// </summary>
    public static IServiceCollection AddDailyMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DailyMetricsOptions>().Bind(configuration.GetSection(DailyMetricsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DailyMetricsPublication>();
        services.AddHostedService<DailyMetricsPublisher>();
        return services;
    }
}
