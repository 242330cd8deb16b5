using Autri.Infra.Aws.Logs;

namespace Autri.Infra.Logs.Runner;

public static class LogRunnerRegistration
{
    /// <summary>
    /// The runner (<see cref="LogRunner"/>, its store and the per-instance <see cref="LogRunWorker"/>), configured from
    /// <c>Logs</c>; an <see cref="ILogsInsights"/> and an NpgsqlDataSource must be registered too. With
    /// <paramref name="localGroupNames"/> an unmapped logical log group is read as the local file of that name.
    /// </summary>
    public static IServiceCollection AddLogRunner(this IServiceCollection services, bool localGroupNames)
    {
        services.AddOptions<LogRunnerOptions>()
            .BindConfiguration(LogRunnerOptions.Section)
            .Validate(o => o.MaxConcurrentQueries >= 1, $"{LogRunnerOptions.Section}:MaxConcurrentQueries must be at least 1")
            .Validate(o => o.QueryTimeout > TimeSpan.Zero, $"{LogRunnerOptions.Section}:QueryTimeout must be positive")
            .Validate(o => o.PricePerGb >= 0, $"{LogRunnerOptions.Section}:PricePerGb cannot be negative")
            .Validate(o => o.MaxRangeDays >= 1, $"{LogRunnerOptions.Section}:MaxRangeDays must be at least 1")
            .Validate(o => o.OwnerTimeout > TimeSpan.Zero && o.ReuseWindow >= TimeSpan.Zero, $"{LogRunnerOptions.Section}:OwnerTimeout must be positive")
            .Validate(o => o.Groups.All(g => !string.IsNullOrWhiteSpace(g.Value)), $"{LogRunnerOptions.Section}:Groups values cannot be empty")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LogRunStore>();
        services.AddSingleton<LogRunWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<LogRunWorker>());
        services.AddSingleton<LogRunner>();
        services.AddSingleton(sp => new LogGroupMap(sp.GetRequiredService<IOptions<LogRunnerOptions>>().Value.Groups, localGroupNames));
        return services;
    }

    /// <summary>CloudWatch Logs as <see cref="ILogsInsights"/> (needs <c>AddAwsClients</c>).</summary>
    public static IServiceCollection AddCloudWatchLogsInsights(this IServiceCollection services)
    {
        services.AddSingleton<ILogsInsights>(sp => new CloudWatchLogsInsights(sp.GetRequiredService<ICloudWatchLogsClient>()));
        return services;
    }
}
