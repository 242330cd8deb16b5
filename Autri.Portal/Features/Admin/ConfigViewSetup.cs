namespace Autri.Portal.Features.Admin;

public static class ConfigViewSetup
{
    public static void AddConfigView(this WebApplicationBuilder builder) =>
        builder.AddValidatedOptions<ConfigViewOptions>(PortalOptions.Section);
}
