using System.Xml.Linq;
using Autri.Infra.KeyRing;

namespace Autri.Portal.Tests.Features.Auth;

/// <summary>
/// Sessions against the encrypted key ring, on a database of their own (tests here restart portals and start one with
/// the wrong key, which the shared stack need not see): the key ring a real sign-in leaves holds no key in plain text,
/// a session survives a restart, and a portal given the wrong key-encryption key stops at start with a clear error
/// instead of starting a key ring of its own.
/// </summary>
public sealed class KeyRingSessionTests : IAsyncLifetime
{
    private readonly int _port = FreePort.Next();
    private readonly List<PortalInstance> _portals = [];
    private string _owner = "";
    private DevIdentityProvider _idp = default!;
    private PortalInstance _portal = default!;

    public async Task InitializeAsync()
    {
        _owner = await TestDatabase.NewAsync("keyring");
        await using (var db = NpgsqlDataSource.Create(_owner)) await new Migrator(db).ApplyAsync();
        _idp = await DevIdentityProvider.StartAsync([$"http://127.0.0.1:{_port}"]);
        _portal = await StartAsync(_port, PortalInstance.TestKeyRingKey);
    }

    public async Task DisposeAsync()
    {
        foreach (var portal in _portals) await portal.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_in_session_leaves_a_key_ring_without_plaintext_key_material()
    {
        await SignInAsync();

        var keys = (await StoredAsync()).Where(e => e.Name == "key").ToList();

        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.Empty(key.Descendants("masterKey"));
            Assert.Equal(KeyEncryptionKey.From(PortalInstance.TestKeyRingKey).Id,
                (string?)Assert.Single(key.Descendants(KeyRingEncryptor.ElementName)).Attribute(KeyRingEncryptor.KeyIdAttribute));
        }
    }

    [Fact]
    public async Task A_session_survives_a_restart_of_the_portal()
    {
        var cookie = await SignInAsync();
        await _portal.DisposeAsync();
        _portals.Remove(_portal);

        var restarted = await StartAsync(FreePort.Next(), PortalInstance.TestKeyRingKey);
        var accepted = await GetNotificationsAsync(restarted, cookie);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("Welcome to Autri", await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_portal_given_the_wrong_key_stops_at_start_saying_why_and_leaves_the_ring_and_sessions_alone()
    {
        var cookie = await SignInAsync();
        var before = (await StoredAsync()).Select(e => e.ToString()).ToList();
        var logs = Directory.CreateTempSubdirectory("autri-keyring-logs-").FullName;
        var port = FreePort.Next();
        var settings = PortalInstance.Settings(port, _owner, _idp.Issuer, logs);
        settings["DataProtection:EncryptionKeys"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var wrong = PortalApp.Create(["--urls", $"http://127.0.0.1:{port}", "--environment", "Test"],
            b => b.Configuration.AddInMemoryCollection(settings));
        var stopping = new TaskCompletionSource();
        wrong.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        try
        {
            await wrong.StartAsync();
        }
        catch (OperationCanceledException)
        {
            // The refusal can come while Kestrel is still binding: then the start itself is cancelled.
        }
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(90)); // a bound against hanging, not a timing assertion
        await wrong.StopAsync();

        var log = await File.ReadAllTextAsync(Path.Combine(logs, "portal.jsonl"));
        Assert.Contains("\"event\":\"key_ring_key_mismatch\"", log);
        Assert.Contains("DataProtection:EncryptionKeys holds none of them", log);
        Assert.DoesNotContain(PortalInstance.TestKeyRingKey, log);
        Assert.DoesNotContain(settings["DataProtection:EncryptionKeys"]!, log);
        Assert.Equal(before, (await StoredAsync()).Select(e => e.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await GetNotificationsAsync(_portal, cookie)).StatusCode);
    }

    private async Task<PortalInstance> StartAsync(int port, string keyRingKey)
    {
        var portal = await PortalInstance.StartAsync(port, _owner, _idp.Issuer, Path.GetTempPath(),
            new Dictionary<string, string?> { ["DataProtection:EncryptionKeys"] = keyRingKey });
        _portals.Add(portal);
        return portal;
    }

    /// <summary>A new invited person signs in at the first portal; returns their session cookie.</summary>
    private async Task<string> SignInAsync()
    {
        var email = PortalStack.UniqueEmail("keyring");
        await using (var db = NpgsqlDataSource.Create(_owner))
        {
            await new PostgresParameterStore(db, "test").PutAsync(new PutParameter(BetaAllowlist.ParameterName,
                BetaAllowlist.FromEmails([email]).ToParameterValue(), ParameterType.StringList, Overwrite: true, "test"));
        }
        _portal.Services.GetRequiredService<AllowlistReader>().Invalidate();
        using var browser = new HttpSignIn();
        Assert.Equal("/", await browser.SignInAsync(_portal.Url, email));
        return browser.Cookies.GetCookies(new Uri(_portal.Url))["autri.session"]!.Value;
    }

    private static async Task<HttpResponseMessage> GetNotificationsAsync(PortalInstance portal, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, portal.Url + "/notifications");
        request.Headers.Add("Cookie", $"autri.session={cookie}");
        return await http.SendAsync(request);
    }

    private async Task<List<XElement>> StoredAsync()
    {
        await using var db = NpgsqlDataSource.Create(_owner);
        await using var cmd = db.CreateCommand("SELECT xml FROM data_protection_keys");
        await using var r = await cmd.ExecuteReaderAsync();
        var result = new List<XElement>();
        while (await r.ReadAsync()) result.Add(XElement.Parse(r.GetString(0)));
        return result;
    }
}
