using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Autri.Mcp;

namespace Autri.Portal.Tests.SingleHost;

[CollectionDefinition(Name)]
public sealed class SingleHostCollection : ICollectionFixture<SingleHostStack>
{
    public const string Name = "single host";
}

/// <summary>
/// The one-server deployment as deploy/single-host/setup.sh builds it, on high ports in a temp folder: the migrate step,
/// the portal and the MCP server configured from the env files its templates render (the test's names, ports, database
/// and the dev IdP as the OIDC provider), and Debian's nginx in front with the site it renders, TLS with a throwaway
/// certificate for the two public names. Clients reach those names through nginx alone (<see cref="Handler"/>).
/// </summary>
public sealed class SingleHostStack : IAsyncLifetime
{
    public const string PortalHost = "portal.autri.test";
    public const string McpHost = "mcp.autri.test";

    private readonly int _portalPort = FreePort.Next();
    private readonly int _mcpPort = FreePort.Next();
    private WebApplication? _portal;
    private WebApplication? _mcp;
    private X509Certificate2? _certificate;

    public int HttpPort { get; } = FreePort.Next();

    public int HttpsPort { get; } = FreePort.Next();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "autri-single-host-" + Guid.NewGuid().ToString("N")[..10]);

    public string NginxPrefix => Path.Combine(Folder, "nginx");

    public string PortalUrl => $"https://{PortalHost}:{HttpsPort}";

    public string McpUrl => $"https://{McpHost}:{HttpsPort}";

    public DevIdentityProvider Idp { get; private set; } = default!;

    public NginxProcess Nginx { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var owner = new NpgsqlConnectionStringBuilder(await TestDatabase.NewAsync("singlehost"));
        Idp = await DevIdentityProvider.StartAsync([PortalUrl], McpUrl);
        var values = Values(owner);

        // As autri-migrate.service does before the apps; the owner is the test cluster's postgres.
        var migrate = await SingleHostFiles.EnvConfigurationAsync("env/migrate.env.template", values);
        await MigrateStep.RunAsync([], b => b.Configuration.AddInMemoryCollection(migrate));

        var portal = await SingleHostFiles.EnvConfigurationAsync("env/portal.env.template", values);
        _portal = PortalApp.Create(["--environment", "Production"], b => Configure(b, portal));
        await _portal.StartAsync();
        var mcp = await SingleHostFiles.EnvConfigurationAsync("env/mcp.env.template", values);
        _mcp = McpApp.Create(["--environment", "Production"], b => Configure(b, mcp));
        await _mcp.StartAsync();

        _certificate = MakeCertificate();
        var site = await SingleHostFiles.RenderAsync("nginx/autri.conf.template", new Dictionary<string, string>(values)
        {
            ["TLS_CERTIFICATE"] = Path.Combine(Folder, "fullchain.pem"),
            ["TLS_KEY"] = Path.Combine(Folder, "privkey.pem"),
        });
        NginxProcess.WriteConfiguration(NginxPrefix, site);
        Nginx = await NginxProcess.StartAsync(NginxPrefix, HttpsPort);
    }

    /// <summary>What setup.sh passes render.sh, with the test's names, ports, database and IdP instead of a server's.</summary>
    private Dictionary<string, string> Values(NpgsqlConnectionStringBuilder owner) => new()
    {
        ["PORTAL_HOST"] = PortalHost,
        ["MCP_HOST"] = McpHost,
        ["PUBLIC_PORT_SUFFIX"] = ":" + HttpsPort,
        ["HTTP_PORT"] = HttpPort.ToString(),
        ["HTTPS_PORT"] = HttpsPort.ToString(),
        ["PORTAL_UPSTREAM"] = $"127.0.0.1:{_portalPort}",
        ["MCP_UPSTREAM"] = $"127.0.0.1:{_mcpPort}",
        ["PG_SOCKET"] = owner.Host!,
        ["PG_PORT"] = owner.Port.ToString(),
        ["DB_NAME"] = owner.Database!,
        ["OWNER_ROLE"] = owner.Username!,
        ["CONTACT_EMAIL"] = "ops@autri.test",
        ["LOGS_DIRECTORY"] = Path.Combine(Folder, "logs"),
        ["OIDC_ISSUER"] = Idp.Issuer,
        ["OIDC_CLIENT_ID"] = DevIdentityProvider.PortalClientId,
        ["OIDC_CLIENT_SECRET"] = DevIdentityProvider.PortalClientSecret,
        ["GROUPS_CLAIM"] = "cognito:groups",
        ["ADMIN_GROUP"] = "admins",
        ["LOGOUT_STYLE"] = "EndSession",
        ["LOGOUT_ENDPOINT"] = "",
        // What setup.sh writes for a provider other than Cognito: no account-state API is asked.
        ["ACCOUNT_STATES"] = "None",
        ["COGNITO_USER_POOL_ID"] = "",
        ["AWS_REGION"] = "",
        ["PORTAL_DB_PASSWORD"] = Hex(),
        ["MCP_DB_PASSWORD"] = Hex(),
        ["TRIGGERS_DB_PASSWORD"] = Hex(),
        ["API_KEY_PEPPER"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["DATA_PROTECTION_KEY"] = Hex(),
        ["SNIPPETS"] = Path.Combine(NginxPrefix, "conf"),
        ["ACCESS_LOG"] = Path.Combine(NginxPrefix, "logs", "access.log"),
        ["ACME_ROOT"] = Path.Combine(Folder, "acme"),
    };

    private static string Hex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>An env file's settings, as systemd hands them to the app: ASPNETCORE_URLS is where it listens.</summary>
    private static void Configure(WebApplicationBuilder builder, Dictionary<string, string?> env)
    {
        builder.WebHost.UseUrls(env["ASPNETCORE_URLS"]!);
        builder.Configuration.AddInMemoryCollection(env.Where(e => !e.Key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A client handler that reaches every name through this stack's nginx (as DNS would send it there), trusts
    /// exactly the stack's certificate and does not follow redirects.
    /// </summary>
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false, // the tests read redirects
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == _certificate!.GetCertHashString(),
        },
    };

    public HttpClient Client() => new(Handler());

    /// <summary>Signs a person in at the public portal URL through nginx.</summary>
    public Task<PortalSession> SignInAsync(string email) => PortalSession.SignInAsync(PortalUrl, email, handler: Handler());

    /// <summary>A self-signed certificate for both public names, as PEM files where the rendered site expects them.</summary>
    private X509Certificate2 MakeCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + PortalHost, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(PortalHost);
        names.AddDnsName(McpHost);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));
        File.WriteAllText(Path.Combine(Folder, "fullchain.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(Folder, "privkey.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    public async Task DisposeAsync()
    {
        if (Nginx is not null) await Nginx.DisposeAsync();
        foreach (var app in new[] { _mcp, _portal })
        {
            if (app is null) continue;
            await app.StopAsync();
            await app.DisposeAsync();
        }
        if (Idp is not null) await Idp.DisposeAsync();
        _certificate?.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
