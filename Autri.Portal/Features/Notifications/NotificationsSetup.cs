namespace Autri.Portal.Features.Notifications;

public static class NotificationsSetup
{
    /// <summary>Broadcasts with their link rule, and live updates (one LISTEN connection per instance).</summary>
    public static void AddPortalNotifications(this WebApplicationBuilder builder, PortalOptions portal, DatabaseOptions database)
    {
        var options = builder.Configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddSingleton(NotificationLinkHosts.From(options, portal));
        builder.Services.AddNotifications(database.ToConnectionString());
    }
}
