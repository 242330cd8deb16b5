namespace Autri.Infra.KeyRing;

/// <summary>
/// Whether this portal's key-encryption keys fit the stored key ring. Given a wrong key (or none of a rotation's), a
/// portal would find every key unreadable, make a new one, sign everyone out and leave in the table a key the other
/// instances cannot read; so it refuses instead, before Data Protection writes anything (<see cref="CheckedKeyRingRepository"/>)
/// and at start (<see cref="KeyRingReEncryption"/>, which stops the portal).
/// </summary>
public static class KeyRingCheck
{
    /// <summary>
    /// Passes when the ring holds no encrypted entry yet, or at least one under a given key (an entry under another key
    /// among readable ones is a stray, logged by the re-encryption, not a reason to stop the deployment).
    /// </summary>
    /// <exception cref="KeyRingKeyMismatchException">Every encrypted entry is under a key not given.</exception>
    public static void Verify(IEnumerable<XElement> entries, KeyEncryptionKeys keys)
    {
        var stored = entries.SelectMany(e => e.Descendants(KeyRingEncryptor.ElementName))
            .Select(s => (string?)s.Attribute(KeyRingEncryptor.KeyIdAttribute) ?? "")
            .Distinct()
            .ToList();
        if (stored.Count == 0 || stored.Any(id => keys.Find(id) is not null)) return;
        throw new KeyRingKeyMismatchException(
            $"The Data Protection key ring in Postgres (data_protection_keys) is encrypted under key-encryption key {string.Join(", ", stored)}, " +
            $"and {KeyRingOptions.Section}:EncryptionKeys holds none of them (it holds {string.Join(", ", keys.All.Select(k => k.Id))}): " +
            "this portal was given a wrong key, or after a rotation the new key without the old one (give \"<new> <old>\"), " +
            "or locally the key file was replaced while the database was kept (restore it, or delete both). " +
            "It refuses to start rather than sign everyone out and write keys the other instances cannot read.");
    }
}

/// <summary>The key ring is under key-encryption keys this portal was not given; the message names key ids, never a key.</summary>
public sealed class KeyRingKeyMismatchException(string message) : InvalidOperationException(message);
