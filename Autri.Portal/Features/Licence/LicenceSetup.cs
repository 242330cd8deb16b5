namespace Autri.Portal.Features.Licence;

public static class LicenceSetup
{
    /// <summary>
    /// The installed licence, verified with the vendor key the image ships (or, in Local mode only, Vendor:PublicKeyFile),
    /// which also checks the release manifests the agent reports.
    /// </summary>
    public static void AddLicence(this WebApplicationBuilder builder, PortalOptions portal)
    {
        var vendor = builder.AddValidatedOptions<VendorKeyOptions>(VendorKeyOptions.Section);
        builder.Services.AddSingleton(new VendorPublicKey(vendor.PublicKey(portal.IsLocal)));
        builder.Services.AddSingleton<InstalledLicence>();
    }
}
