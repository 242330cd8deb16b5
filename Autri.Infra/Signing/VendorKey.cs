namespace Autri.Infra.Signing;

/// <summary>
/// The vendor's P-256 signing key pair as PEM text. The private half signs licences and manifests and lives only with
/// the vendor (a file or secret the coordination service's commands are given; never the repository). The public half
/// ships inside every image (<c>vendor-public.pem</c>, embedded in this assembly) and verifies them.
/// </summary>
public static class VendorKey
{
    private const string ShippedResource = "signing/vendor-public.pem";

    /// <summary>The public key this build trusts.</summary>
    public static string ShippedPublicPem { get; } = ReadShipped();

    /// <summary>A fresh key pair (private PEM, public PEM): for the vendor once, and for tests and the local stack each start.</summary>
    public static (string PrivatePem, string PublicPem) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    public static ECDsa Import(string pem, string what)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"The {what} is not a PEM-encoded EC key", ex);
        }
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException($"The {what} must be a P-256 key (ES256), not {key.KeySize} bits");
        }
        return key;
    }

    private static string ReadShipped()
    {
        using var s = typeof(VendorKey).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"The vendor public key ({ShippedResource}) is missing from this build");
        using var reader = new StreamReader(s);
        return reader.ReadToEnd();
    }
}
