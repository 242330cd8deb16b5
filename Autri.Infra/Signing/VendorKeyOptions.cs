namespace Autri.Infra.Signing;

/// <summary>
/// Section "Vendor": which public key verifies licences and manifests. Production uses the key shipped in the image;
/// <see cref="PublicKeyFile"/> replaces it only in Local mode, for tests and the local stack, which sign with a
/// throwaway key pair made at start (a deployment in Aws mode refuses the setting).
/// </summary>
public sealed class VendorKeyOptions
{
    public const string Section = "Vendor";

    public string? PublicKeyFile { get; set; }

    /// <summary>The trusted public key; throws naming the setting when it cannot be used.</summary>
    public ECDsa PublicKey(bool localMode)
    {
        if (string.IsNullOrWhiteSpace(PublicKeyFile)) return VendorKey.Import(VendorKey.ShippedPublicPem, "shipped vendor public key");
        if (!localMode)
            throw new InvalidOperationException($"Configuration invalid value for: {Section}:PublicKeyFile (only Local mode may replace the vendor key shipped in the image)");
        if (!File.Exists(PublicKeyFile))
            throw new InvalidOperationException($"Configuration invalid value for: {Section}:PublicKeyFile ({PublicKeyFile} does not exist)");
        return VendorKey.Import(File.ReadAllText(PublicKeyFile), $"vendor public key in {PublicKeyFile}");
    }
}
