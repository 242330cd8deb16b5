namespace Autri.Infra.Signing;

/// <summary>The key that verifies licences and manifests in this process (see <see cref="VendorKeyOptions"/>).</summary>
public sealed record VendorPublicKey(ECDsa Key);
