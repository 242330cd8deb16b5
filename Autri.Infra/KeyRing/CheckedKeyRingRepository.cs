namespace Autri.Infra.KeyRing;

/// <summary>
/// The key ring as Data Protection sees it: the Postgres table, checked with <see cref="KeyRingCheck"/> on every read.
/// Data Protection reads the whole ring before it makes a key, so a portal with the wrong key fails here (its requests
/// fail, its start stops) and never adds a key of its own that the other instances could not read.
/// </summary>
public sealed class CheckedKeyRingRepository(PostgresXmlRepository table, KeyEncryptionKeys keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var entries = table.GetAllElements();
        KeyRingCheck.Verify(entries, keys);
        return entries;
    }

    public void StoreElement(XElement element, string friendlyName) => table.StoreElement(element, friendlyName);
}
