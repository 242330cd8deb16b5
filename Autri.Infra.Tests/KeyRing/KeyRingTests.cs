using System.Xml.Linq;
using Autri.Infra.KeyRing;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Autri.Infra.Tests.KeyRing;

/// <summary>
/// The Data Protection key ring at rest: real Data Protection over the real Postgres table, as the portal wires it.
/// What someone who reads (or copies) data_protection_keys gets: no key material, and nothing they can unprotect.
/// </summary>
public sealed class KeyRingTests : IAsyncLifetime
{
    private const string App = "autri-portal";
    private static readonly XNamespace DataProtectionNs = "http://schemas.asp.net/2015/03/dataProtection";

    private static readonly string K1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string K2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private NpgsqlDataSource _db = default!;

    public async Task InitializeAsync()
    {
        _db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("keyring"));
        await new Migrator(_db).ApplyAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_stored_key_ring_holds_no_plaintext_key_material()
    {
        using var portal = Portal(K1);
        var payload = portal.Protector().Protect("admin session");

        var stored = await StoredAsync();

        var key = Assert.Single(stored, e => e.Name == "key");
        Assert.Empty(key.Descendants("masterKey"));
        Assert.DoesNotContain(key.Descendants(), e => e.Attribute(DataProtectionNs + "requiresEncryption") is not null);
        var secret = Assert.Single(key.Descendants(DataProtectionNs + "encryptedSecret"));
        Assert.StartsWith(typeof(KeyRingDecryptor).FullName + ",", (string?)secret.Attribute("decryptorType"));
        var sealedSecret = Assert.Single(secret.Elements());
        Assert.Equal(KeyEncryptionKey.From(K1).Id, (string?)sealedSecret.Attribute(KeyRingEncryptor.KeyIdAttribute));
        Assert.Equal("admin session", portal.Protector().Unprotect(payload));
    }

    [Fact]
    public async Task A_copy_of_the_table_without_the_key_unprotects_nothing_and_signs_nothing()
    {
        using var portal = Portal(K1);
        var payload = portal.Protector().Protect("admin session");
        var copy = await StoredAsync();

        // Someone with the rows and the code, but another key (or none): the master key stays sealed.
        using var thief = Provider(new CopiedRepository(copy), K2, generateKeys: false);
        Assert.ThrowsAny<CryptographicException>(() => thief.Protector().Unprotect(payload));
        Assert.ThrowsAny<Exception>(() => thief.Protector().Protect("forged admin session"));
        // The same copy with the key is enough, which is what makes the key the thing to guard.
        using var holder = Provider(new CopiedRepository(copy), K1, generateKeys: false);
        Assert.Equal("admin session", holder.Protector().Unprotect(payload));
    }

    [Fact]
    public async Task An_old_plaintext_ring_is_re_encrypted_at_start_and_what_it_protected_still_unprotects()
    {
        // A key ring as the portal stored it before encryption: the master key in plain text.
        string payload;
        using (var old = Provider(new PostgresXmlRepository(_db), keys: null))
            payload = old.Protector().Protect("session from before the upgrade");
        Assert.NotEmpty((await StoredAsync()).Single().Descendants("masterKey"));

        await ReEncryption(K1).RunAsync(default);

        var key = (await StoredAsync()).Single();
        Assert.Empty(key.Descendants("masterKey"));
        Assert.Equal(KeyEncryptionKey.From(K1).Id, (string?)key.Descendants(KeyRingEncryptor.ElementName).Single().Attribute(KeyRingEncryptor.KeyIdAttribute));
        using var portal = Portal(K1);
        Assert.Equal("session from before the upgrade", portal.Protector().Unprotect(payload));
    }

    [Fact]
    public async Task A_rotated_key_encryption_key_re_encrypts_the_ring_and_the_old_key_can_then_be_dropped()
    {
        string payload;
        using (var before = Portal(K1)) payload = before.Protector().Protect("session before the rotation");

        await ReEncryption($"{K2} {K1}").RunAsync(default);

        Assert.Equal(KeyEncryptionKey.From(K2).Id, (string?)(await StoredAsync()).Single().Descendants(KeyRingEncryptor.ElementName).Single().Attribute(KeyRingEncryptor.KeyIdAttribute));
        using var after = Portal(K2);
        Assert.Equal("session before the rotation", after.Protector().Unprotect(payload));
    }

    [Fact]
    public async Task A_stray_entry_under_a_key_not_given_is_left_as_stored_beside_readable_ones()
    {
        using (var portal = Portal(K1)) portal.Protector().Protect("this deployment's session");
        // A process that bypassed the check (the raw table, another key) added a key of its own.
        using (var stray = Provider(new PostgresXmlRepository(_db), K2)) stray.Protector().Protect("a stray session");
        var before = await StoredAsync();
        Assert.Equal(2, before.Count);

        await ReEncryption(K1).RunAsync(default);

        Assert.Equal(before.Select(e => e.ToString()), (await StoredAsync()).Select(e => e.ToString()));
    }

    [Fact]
    public async Task A_portal_given_the_wrong_key_refuses_the_ring_at_start_and_adds_no_key_of_its_own()
    {
        string payload;
        using (var portal = Portal(K1)) payload = portal.Protector().Protect("admin session");
        var before = (await StoredAsync()).Select(e => e.ToString()).ToList();

        // At start (a wrong key, or after a rotation the new key without the old): the re-encryption step refuses,
        // naming the key ids and the setting, never a key.
        var refused = await Assert.ThrowsAsync<KeyRingKeyMismatchException>(() => ReEncryption(K2).RunAsync(default));
        Assert.Contains(KeyEncryptionKey.From(K1).Id, refused.Message);
        Assert.Contains(KeyEncryptionKey.From(K2).Id, refused.Message);
        Assert.Contains("DataProtection:EncryptionKeys", refused.Message);
        Assert.DoesNotContain(K1, refused.Message);
        Assert.DoesNotContain(K2, refused.Message);
        // And while running: Data Protection reads the ring before it would make a key, so it makes none.
        using (var wrong = Portal(K2))
        {
            Assert.ThrowsAny<Exception>(() => wrong.Protector().Protect("forged admin session"));
            Assert.ThrowsAny<Exception>(() => wrong.Protector().Unprotect(payload));
        }

        Assert.Equal(before, (await StoredAsync()).Select(e => e.ToString()));
        using var right = Portal(K1);
        Assert.Equal("admin session", right.Protector().Unprotect(payload));
    }

    [Fact]
    public void A_tampered_secret_fails_to_open_and_names_no_key_material()
    {
        var keys = KeyEncryptionKeys.Parse(K1, "test");
        var sealedSecret = KeyRingEncryptor.Seal(new XElement("masterKey", new XElement("value", "c2VjcmV0")), keys.Current);
        var bytes = Convert.FromBase64String(sealedSecret.Value);
        bytes[^1] ^= 1;
        sealedSecret.Value = Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => KeyRingEncryptor.Open(sealedSecret, keys));
        var unknown = Assert.Throws<CryptographicException>(() => KeyRingEncryptor.Open(sealedSecret, KeyEncryptionKeys.Parse(K2, "test")));
        Assert.Contains(keys.Current.Id, unknown.Message);
        Assert.DoesNotContain(K1, unknown.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("too-short-to-be-a-key")]
    public void A_missing_or_short_key_is_refused_without_echoing_it(string secrets)
    {
        var error = Assert.Throws<ArgumentException>(() => KeyEncryptionKeys.Parse(secrets, "DataProtection:EncryptionKeys"));

        Assert.Contains("DataProtection:EncryptionKeys", error.Message);
        if (secrets.Length > 0) Assert.DoesNotContain(secrets, error.Message);
    }

    [Fact]
    public void Several_keys_are_read_in_order_the_first_encrypting()
    {
        var keys = KeyEncryptionKeys.Parse($" {K2},\n{K1} ", "test");

        Assert.Equal([KeyEncryptionKey.From(K2).Id, KeyEncryptionKey.From(K1).Id], keys.All.Select(k => k.Id));
        Assert.Equal(KeyEncryptionKey.From(K2).Id, keys.Current.Id);
    }

    [Fact]
    public void In_local_mode_the_key_file_is_made_on_first_use_for_its_owner_alone_and_then_reused()
    {
        var dir = Path.Combine(Path.GetTempPath(), "autri-keyring-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var options = new KeyRingOptions { EncryptionKeyFile = "state/data-protection.key" };

            var first = options.Load(localMode: true, dir);
            var second = options.Load(localMode: true, dir);

            var file = Path.Combine(dir, "state", "data-protection.key");
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(first.Current.Id, second.Current.Id);
            Assert.Single(Directory.GetFiles(Path.Combine(dir, "state")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Aws_mode_needs_the_key_itself_and_says_so()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new KeyRingOptions { EncryptionKeyFile = "x.key" }.Load(localMode: false, "/tmp"));

        Assert.StartsWith("Configuration missing value for: DataProtection:EncryptionKeys", error.Message);
    }

    /// <summary>Data Protection as the portal configures it (<see cref="KeyRingSetup"/>): this table, these keys.</summary>
    private ServiceProvider Portal(string keys)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(_db);
        services.AddEncryptedKeyRing(App, KeyEncryptionKeys.Parse(keys, "test"));
        return services.BuildServiceProvider();
    }

    private KeyRingReEncryption ReEncryption(string keys) =>
        new(new PostgresXmlRepository(_db), KeyEncryptionKeys.Parse(keys, "test"), NullLogger<KeyRingReEncryption>.Instance);

    /// <param name="keys">Null: no encryption at all, as before this existed.</param>
    private static ServiceProvider Provider(Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository repository, string? keys, bool generateKeys = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddDataProtection().SetApplicationName(App);
        if (!generateKeys) builder.DisableAutomaticKeyGeneration();
        if (keys is not null) services.AddSingleton(KeyEncryptionKeys.Parse(keys, "test"));
        services.Configure<KeyManagementOptions>(o =>
        {
            o.XmlRepository = repository;
            if (keys is not null) o.XmlEncryptor = new KeyRingEncryptor(KeyEncryptionKeys.Parse(keys, "test"));
        });
        return services.BuildServiceProvider();
    }

    private async Task<List<XElement>> StoredAsync()
    {
        await using var cmd = _db.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
        await using var r = await cmd.ExecuteReaderAsync();
        var result = new List<XElement>();
        while (await r.ReadAsync()) result.Add(XElement.Parse(r.GetString(0)));
        return result;
    }

    private sealed class CopiedRepository(IReadOnlyCollection<XElement> rows) : Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => rows;

        public void StoreElement(XElement element, string friendlyName) => throw new InvalidOperationException("a copy is read-only");
    }
}

internal static class ProviderExtensions
{
    public static IDataProtector Protector(this IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Cookies", "v2");
}
