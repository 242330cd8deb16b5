namespace Autri.Infra.KeyRing;

/// <summary>One key-encryption key: 256 AES bits derived from a configured secret, and a short id naming it in the XML.</summary>
public sealed class KeyEncryptionKey
{
    private static readonly byte[] KeyInfo = "autri data-protection key-encryption key v1"u8.ToArray();
    private static readonly byte[] IdInfo = "autri data-protection key-encryption key id v1"u8.ToArray();

    private KeyEncryptionKey(string id, byte[] key)
    {
        Id = id;
        Key = key;
    }

    /// <summary>16 hex digits, derived apart from the key (so it reveals nothing of it); stored beside each encrypted secret.</summary>
    public string Id { get; }

    internal byte[] Key { get; }

    public static KeyEncryptionKey From(string secret)
    {
        var ikm = Encoding.UTF8.GetBytes(secret);
        return new KeyEncryptionKey(
            Convert.ToHexStringLower(HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 8, info: IdInfo)),
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, info: KeyInfo));
    }

    public override string ToString() => $"KeyEncryptionKey {Id}";
}

/// <summary>
/// The key-encryption keys of the portal's Data Protection key ring: the first encrypts every new key-ring entry, the
/// others only decrypt entries written before a rotation (and are re-encrypted away at start, <see cref="KeyRingReEncryption"/>).
/// Configured as one string of secrets separated by whitespace or commas (in AWS the Secrets Manager secret
/// <c>&lt;prefix&gt;/data-protection-key</c>; locally a file, <see cref="KeyRingOptions"/>).
/// </summary>
public sealed class KeyEncryptionKeys
{
    /// <summary>Shorter secrets are refused: the generated ones are 64 letters and digits (AWS) or 32 random bytes in base64 (local).</summary>
    public const int MinimumSecretLength = 32;

    private KeyEncryptionKeys(IReadOnlyList<KeyEncryptionKey> all) => All = all;

    public IReadOnlyList<KeyEncryptionKey> All { get; }

    public KeyEncryptionKey Current => All[0];

    public KeyEncryptionKey? Find(string id) => All.FirstOrDefault(k => k.Id == id);

    /// <exception cref="ArgumentException">No secret, or one shorter than <see cref="MinimumSecretLength"/> (the message never holds a secret).</exception>
    public static KeyEncryptionKeys Parse(string secrets, string source)
    {
        var parts = secrets.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new ArgumentException($"{source} holds no key-encryption key");
        if (parts.Any(p => p.Length < MinimumSecretLength))
            throw new ArgumentException($"{source}: every key-encryption key must be at least {MinimumSecretLength} characters (generate one with: openssl rand -base64 32)");
        return new KeyEncryptionKeys(parts.Select(KeyEncryptionKey.From).DistinctBy(k => k.Id).ToList());
    }

    public override string ToString() => $"KeyEncryptionKeys {{ Current = {Current.Id}, Older = {All.Count - 1} }}";
}
