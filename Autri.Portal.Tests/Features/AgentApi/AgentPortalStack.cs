using Autri.Infra.Licensing;

namespace Autri.Portal.Tests.Features.AgentApi;

/// <summary>
/// A portal of a customer-managed deployment: the agent API on (AgentApi:Token), licences and manifests verified with a
/// throwaway vendor key (Vendor:PublicKeyFile, Local mode), on a database and dev IdP of its own.
/// </summary>
public sealed class AgentPortalStack : IAsyncLifetime
{
    public const string AgentToken = "agent-token-for-tests-0123456789abcdef";

    public ThrowawayVendorKey Vendor { get; } = new();

    public DevIdentityProvider Idp { get; private set; } = null!;

    public PortalInstance Portal { get; private set; } = null!;

    public NpgsqlDataSource Db { get; private set; } = null!;

    public string LogsDirectory { get; } = Path.Combine(Path.GetTempPath(), "autri-logs-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.NewAsync("agentportal");
        Db = NpgsqlDataSource.Create(connectionString);
        await new Migrator(Db).ApplyAsync();
        var port = FreePort.Next();
        Idp = await DevIdentityProvider.StartAsync([$"http://127.0.0.1:{port}"]);
        Portal = await PortalInstance.StartAsync(port, connectionString, Idp.Issuer, LogsDirectory, new Dictionary<string, string?>
        {
            ["AgentApi:Token"] = AgentToken,
            ["Vendor:PublicKeyFile"] = Vendor.PublicKeyFile,
        });
    }

    /// <summary>What the agent uses: the portal's address and the agent token.</summary>
    public HttpClient AgentClient(string token = AgentToken)
    {
        var http = new HttpClient { BaseAddress = new Uri(Portal.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public string Licence(DateTimeOffset expires, int graceDays = 14, string customer = "acme") =>
        LicenceDocument.Sign(new LicenceClaims(customer, Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-400), expires, TimeSpan.FromDays(graceDays), 25, ["sso"]), Vendor.Private);

    /// <summary>Installs a licence as the agent does (PUT /agent/v1/licence) and returns the response.</summary>
    public async Task<HttpResponseMessage> InstallAsync(string licence)
    {
        using var agent = AgentClient();
        return await agent.PutAsync("/agent/v1/licence", new StringContent(licence));
    }

    /// <summary>The admin of the dev IdP (in the admins group), signed in through the real sign-in.</summary>
    public Task<PortalSession> SignInAdminAsync() => PortalSession.SignInAsync(Portal.Url, DevIdentityProvider.AdminEmail);

    /// <summary>A new person on the allowlist, not an admin.</summary>
    public async Task<PortalSession> SignInPersonAsync()
    {
        var email = PortalStack.UniqueEmail("person");
        var store = new PostgresParameterStore(Db, "test");
        BetaAllowlist current;
        try { current = BetaAllowlist.FromParameterValue((await store.GetAsync(BetaAllowlist.ParameterName)).Value); }
        catch (ParameterStoreException ex) when (ex.IsNotFound) { current = BetaAllowlist.Empty; }
        var next = BetaAllowlist.FromEmails(current.Sorted.Append(email));
        await store.PutAsync(new PutParameter(BetaAllowlist.ParameterName, next.ToParameterValue(), ParameterType.StringList, Overwrite: true, "test"));
        Portal.Services.GetRequiredService<AllowlistReader>().Invalidate();
        return await PortalSession.SignInAsync(Portal.Url, email);
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Idp.DisposeAsync();
        await Db.DisposeAsync();
        Vendor.Dispose();
        try { Directory.Delete(LogsDirectory, recursive: true); } catch (IOException) { }
    }
}
