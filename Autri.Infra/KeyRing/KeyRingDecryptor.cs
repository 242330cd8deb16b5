namespace Autri.Infra.KeyRing;

/// <summary>
/// Reads what <see cref="KeyRingEncryptor"/> wrote. Data Protection creates it by type name from the stored XML, with
/// the app's service provider, so the keys come from there: a process without them cannot read the key ring.
/// </summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly KeyEncryptionKeys _keys = services.GetRequiredService<KeyEncryptionKeys>();

    public XElement Decrypt(XElement encryptedElement) => KeyRingEncryptor.Open(encryptedElement, _keys);
}
