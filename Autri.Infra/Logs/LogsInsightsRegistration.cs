namespace Autri.Infra.Logs;

public static class LogsInsightsRegistration
{
    /// <summary>
    /// Registers the local Logs Insights backend as <see cref="ILogsInsights"/>, configured from
    /// <c>Logs:Local</c> (<see cref="LocalLogsInsightsOptions"/>); a missing Directory fails at start.
    /// </summary>
    public static IServiceCollection AddLocalLogsInsights(this IServiceCollection services)
    {
        services.AddOptions<LocalLogsInsightsOptions>()
            .BindConfiguration(LocalLogsInsightsOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Configuration missing value for: Logs:Local:Directory")
            .Validate(o => o.MaxConcurrentQueries >= 1, "Logs:Local:MaxConcurrentQueries must be at least 1")
            .Validate(o => o.MaxGroups >= 1, "Logs:Local:MaxGroups must be at least 1")
            .Validate(o => o.MaxLineBytes is >= 1024 and <= 1 << 30, "Logs:Local:MaxLineBytes must be from 1024 to 1073741824")
            .Validate(o => o.RegexTimeout > TimeSpan.Zero, "Logs:Local:RegexTimeout must be longer than zero")
            .ValidateOnStart();
        services.AddSingleton(sp => new LocalLogsInsights(sp.GetRequiredService<IOptions<LocalLogsInsightsOptions>>().Value, sp.GetService<TimeProvider>()));
        services.AddSingleton<ILogsInsights>(sp => sp.GetRequiredService<LocalLogsInsights>());
        return services;
    }
}
