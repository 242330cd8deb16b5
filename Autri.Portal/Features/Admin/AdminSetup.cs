namespace Autri.Portal.Features.Admin;

public static class AdminSetup
{
    /// <summary>The admin pages' services: the user list, the Health page's report, the configuration view's prefix.</summary>
    public static void AddAdminPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserDirectory>();
        builder.Services.AddScoped<HealthReport>();
        builder.AddValidatedOptions<ConfigViewOptions>(PortalOptions.Section);
    }
}
