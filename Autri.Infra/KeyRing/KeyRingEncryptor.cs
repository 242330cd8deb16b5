namespace Autri.Infra.KeyRing;

/// <summary>
/// Encrypts the secret part of each Data Protection key (its master key) before it is stored in Postgres, with
/// AES-256-GCM under the current key-encryption key. Chosen over ProtectKeysWithCertificate because the key can then
/// be a plain random string that CDK generates into Secrets Manager and ECS injects, with no certificate to issue,
/// store as PFX, or expire, and a rotation is a new string (README "Security model"). The output names the
/// key-encryption key by id, so entries written before a rotation are still read (<see cref="KeyRingDecryptor"/>).
/// </summary>
public sealed class KeyRingEncryptor(KeyEncryptionKeys keys) : IXmlEncryptor
{
    public const string ElementName = "autriEncryptedKey";
    public const string KeyIdAttribute = "kek";
    public const string AlgorithmAttribute = "algorithm";
    public const string Algorithm = "AES-256-GCM";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(Seal(plaintextElement, keys.Current), typeof(KeyRingDecryptor));

    internal static XElement Seal(XElement plaintextElement, KeyEncryptionKey key)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var sealedBytes = new byte[NonceBytes + plaintext.Length + TagBytes];
        using (var aes = new AesGcm(key.Key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes, plaintext.Length), sealedBytes.AsSpan(NonceBytes + plaintext.Length), AssociatedData(key.Id));
        }
        nonce.CopyTo(sealedBytes, 0);
        CryptographicOperations.ZeroMemory(plaintext);
        return new XElement(ElementName,
            new XAttribute(KeyIdAttribute, key.Id),
            new XAttribute(AlgorithmAttribute, Algorithm),
            Convert.ToBase64String(sealedBytes));
    }

    internal static XElement Open(XElement encryptedElement, KeyEncryptionKeys keys)
    {
        if (encryptedElement.Name != ElementName || (string?)encryptedElement.Attribute(AlgorithmAttribute) != Algorithm)
            throw new CryptographicException($"Not a key-ring entry this portal encrypted (expected <{ElementName} {AlgorithmAttribute}=\"{Algorithm}\">)");
        var id = (string?)encryptedElement.Attribute(KeyIdAttribute) ?? "";
        var key = keys.Find(id) ?? throw new CryptographicException(
            $"This key-ring entry is encrypted with key-encryption key {id}, which this portal is not given (DataProtection:EncryptionKeys); " +
            $"it has {string.Join(", ", keys.All.Select(k => k.Id))}");
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        if (sealedBytes.Length < NonceBytes + TagBytes) throw new CryptographicException("The encrypted key-ring entry is truncated");
        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using (var aes = new AesGcm(key.Key, TagBytes))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plaintext.Length),
                sealedBytes.AsSpan(NonceBytes + plaintext.Length), plaintext, AssociatedData(key.Id));
        }
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Binds the ciphertext to the key id and format, so neither can be swapped for another.</summary>
    private static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes($"{ElementName}/{Algorithm}/{keyId}");
}
