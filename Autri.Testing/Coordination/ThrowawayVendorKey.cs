using System.Security.Cryptography;

namespace Autri.Testing.Coordination;

/// <summary>
/// A vendor key pair made for one test run, never the real one: the private key signs the test's licences and
/// manifests, and its public half is written to a file the apps under test are pointed at (Vendor:PublicKeyFile,
/// allowed only in Local mode).
/// </summary>
public sealed class ThrowawayVendorKey : IDisposable
{
    public ThrowawayVendorKey()
    {
        Private = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Folder);
        PublicKeyFile = Path.Combine(Folder, "vendor-public.pem");
        PrivateKeyFile = Path.Combine(Folder, "vendor-private.pem");
        File.WriteAllText(PublicKeyFile, Private.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(PrivateKeyFile, Private.ExportPkcs8PrivateKeyPem());
    }

    public ECDsa Private { get; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "autri-vendor-" + Guid.NewGuid().ToString("N")[..12]);

    public string PublicKeyFile { get; }

    public string PrivateKeyFile { get; }

    public void Dispose()
    {
        Private.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
