namespace Autri.Infra.Notifications;

public static class NotificationServices
{
    /// <summary>
    /// Broadcasts, and live updates: the fan-out and its LISTEN connection (a hosted service). The listener
    /// takes the raw connection string because a data source's ConnectionString leaves the password out.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton<NotificationBroadcaster>();
        services.AddSingleton<NotificationFanout>();
        services.AddSingleton(sp => new NotificationListener(connectionString, sp.GetRequiredService<NotificationFanout>(),
            sp.GetRequiredService<ILogger<NotificationListener>>()));
        services.AddHostedService(sp => sp.GetRequiredService<NotificationListener>());
        return services;
    }
}
