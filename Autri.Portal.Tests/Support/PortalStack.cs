namespace Autri.Portal.Tests.Support;

/// <summary>
/// The local stack for a test class: a fresh database on the shared throwaway cluster, the real dev IdP and
/// two portal instances (the second proves that instances share sessions). Tests use unique emails.
/// </summary>
public sealed class PortalStack : IAsyncLifetime
{
    private readonly int[] _ports = [FreePort.Next(), FreePort.Next(), FreePort.Next()];

    public DevIdentityProvider Idp { get; private set; } = default!;

    public PortalInstance Portal { get; private set; } = default!;

    public PortalInstance SecondPortal { get; private set; } = default!;

    public NpgsqlDataSource Db { get; private set; } = default!;

    public string ConnectionString { get; private set; } = "";

    public string LogsDirectory { get; } = Path.Combine(Path.GetTempPath(), "autri-logs-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.NewAsync("portal");
        Db = NpgsqlDataSource.Create(ConnectionString);
        await new Migrator(Db).ApplyAsync();
        // The third port is for instances a test starts with settings of its own (StartSpareAsync); the IdP knows all three.
        Idp = await DevIdentityProvider.StartAsync(_ports.Select(p => $"http://127.0.0.1:{p}"));
        Portal = await PortalInstance.StartAsync(_ports[0], ConnectionString, Idp.Issuer, LogsDirectory);
        SecondPortal = await PortalInstance.StartAsync(_ports[1], ConnectionString, Idp.Issuer, LogsDirectory);
    }

    /// <summary>
    /// Another portal on the same database and IdP, with these settings on top (one at a time: it takes the stack's spare
    /// port, which the IdP accepts sign-ins for). The test disposes it.
    /// </summary>
    public Task<PortalInstance> StartSpareAsync(IDictionary<string, string?> overrides) =>
        PortalInstance.StartAsync(_ports[2], ConnectionString, Idp.Issuer, LogsDirectory, overrides);

    /// <summary>A new email no other test uses.</summary>
    public static string UniqueEmail(string who = "user") => $"{who}-{Guid.NewGuid():N}"[..20] + "@example.test";

    /// <summary>Puts emails on the allowlist and makes both portals see it now rather than after the cache TTL.</summary>
    public Task AllowAsync(params string[] emails) => TestAllowlist.EditAsync(Db, [Portal, SecondPortal], current => current.Concat(emails));

    /// <summary>A new email no other test uses, already on the allowlist.</summary>
    public async Task<string> InviteNewAsync(string who = "user")
    {
        var email = UniqueEmail(who);
        await AllowAsync(email);
        return email;
    }

    /// <summary>Takes emails off the allowlist, seen by both portals at once.</summary>
    public Task DisallowAsync(params string[] emails) =>
        TestAllowlist.EditAsync(Db, [Portal, SecondPortal], current => current.Except(emails, StringComparer.OrdinalIgnoreCase));

    /// <summary>Signs a person in to the first portal (a new invited email unless one is given).</summary>
    public async Task<PortalSession> SignInAsync(string? email = null, bool allow = true)
    {
        email ??= UniqueEmail("conn");
        if (allow) await AllowAsync(email);
        return await PortalSession.SignInAsync(Portal.Url, email);
    }

    public async Task DisposeAsync()
    {
        await SecondPortal.DisposeAsync();
        await Portal.DisposeAsync();
        await Idp.DisposeAsync();
        await Db.DisposeAsync();
        try { Directory.Delete(LogsDirectory, recursive: true); } catch (IOException) { }
    }
}
