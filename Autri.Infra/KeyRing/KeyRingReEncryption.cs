namespace Autri.Infra.KeyRing;

/// <summary>
/// Once the schema is current, rewrites every key-ring entry whose secret is not encrypted under the current
/// key-encryption key: entries stored in plain text before encryption existed, and entries of a key rotated out (given
/// as an older key in <c>DataProtection:EncryptionKeys</c>). The keys inside do not change, so sessions, OAuth signing
/// keys and everything else they protect keep working; only how they are stored does. An entry no given key can read
/// is left as it is and logged: it stays unreadable, as it already was to this portal.
/// </summary>
public sealed class KeyRingReEncryption(PostgresXmlRepository repository, KeyEncryptionKeys keys, ILogger<KeyRingReEncryption> log) : IAfterMigrations
{
    // Data Protection's own names (its XmlConstants): the element it decrypts on read, and the mark of a secret to encrypt.
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private const string DecryptorType = "decryptorType";

    /// <exception cref="KeyRingKeyMismatchException">
    /// The ring is under keys this portal was not given: logged as <c>key_ring_key_mismatch</c> and thrown, which stops
    /// the portal (the host's default for a failed background service), so a wrong key is a start-up error.
    /// </exception>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            KeyRingCheck.Verify(repository.GetAllElements(), keys);
            var rewritten = await repository.RewriteAllAsync(ReEncryptLogged, ct);
            if (rewritten > 0)
                log.LogInformation(new EventId(40, "key_ring_reencrypted"), "Re-encrypted {count} key-ring entries under key-encryption key {kek}", rewritten, keys.Current.Id);
        }
        catch (KeyRingKeyMismatchException ex)
        {
            log.LogCritical(new EventId(43, "key_ring_key_mismatch"), "Stopping: {reason}", ex.Message);
            throw;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The portal still works (new entries are encrypted); the next start tries again.
            log.LogError(new EventId(41, "key_ring_reencryption_failed"), ex, "Re-encrypting the key ring failed");
        }
    }

    private XElement? ReEncryptLogged(string name, XElement element)
    {
        try
        {
            return ReEncrypt(element, keys);
        }
        catch (CryptographicException ex)
        {
            log.LogError(new EventId(42, "key_ring_entry_unreadable"), "Key-ring entry {entry} stays as stored: {reason}", name, ex.Message);
            return null;
        }
    }

    /// <summary>The entry with every secret encrypted under the current key, or null when it already is.</summary>
    /// <exception cref="CryptographicException">A secret is encrypted under a key not given.</exception>
    public static XElement? ReEncrypt(XElement element, KeyEncryptionKeys keys)
    {
        var copy = new XElement(element);
        var changed = false;
        foreach (var secret in copy.Descendants(EncryptedSecret).ToList())
        {
            if (!IsOurs(secret) || secret.Elements().SingleOrDefault() is not { } inner) continue; // another encryptor's: leave it
            if ((string?)inner.Attribute(KeyRingEncryptor.KeyIdAttribute) == keys.Current.Id) continue;
            inner.ReplaceWith(KeyRingEncryptor.Seal(KeyRingEncryptor.Open(inner, keys), keys.Current));
            changed = true;
        }
        foreach (var plain in copy.Descendants().Where(e => (string?)e.Attribute(RequiresEncryption) == "true").ToList())
        {
            plain.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute(DecryptorType, typeof(KeyRingDecryptor).AssemblyQualifiedName!),
                KeyRingEncryptor.Seal(new XElement(plain), keys.Current)));
            changed = true;
        }
        return changed ? copy : null;
    }

    private static bool IsOurs(XElement secret) =>
        ((string?)secret.Attribute(DecryptorType))?.StartsWith(typeof(KeyRingDecryptor).FullName + ",", StringComparison.Ordinal) == true;
}
