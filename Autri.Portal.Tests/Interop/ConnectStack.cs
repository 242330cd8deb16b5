using System.Security.Cryptography.X509Certificates;
using Autri.Infra.Connectors.McpAccess;
using Autri.Mcp;

namespace Autri.Portal.Tests.Interop;

[CollectionDefinition(Name)]
public sealed class ConnectCollection : ICollectionFixture<ConnectStack>
{
    public const string Name = "connect by URL";
}

/// <summary>
/// The whole local product as a client that connects by URL meets it: a fresh database, the dev IdP, the portal (the
/// authorization server) and the MCP server trusting it, on real Kestrel, sharing one <see cref="ManualClock"/> so a
/// test can let an access token expire or a revocation cache run out without waiting. Access tokens live two minutes
/// and signing keys rotate every fifteen, so both can be crossed within a test. A test CA is made for the https
/// client metadata documents the SDK insists on, and the portal trusts it (and only it) for those fetches.
/// </summary>
public sealed class ConnectStack : IAsyncLifetime
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan SigningKeyRotation = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan SigningKeyLead = TimeSpan.FromMinutes(1);
    public const int RevocationCacheSeconds = 30;

    private readonly int _mcpPort = FreePort.Next();
    private WebApplication? _mcp;

    public ManualClock Clock { get; } = new();

    public NpgsqlDataSource Db { get; private set; } = default!;

    public DevIdentityProvider Idp { get; private set; } = default!;

    public PortalInstance Portal { get; private set; } = default!;

    public string McpUrl => $"http://127.0.0.1:{_mcpPort}";

    public string McpEndpoint => McpUrl + "/mcp";

    public IServiceProvider McpServices => _mcp!.Services;

    public string TempDirectory { get; } = Path.Combine(Path.GetTempPath(), "autri-connect-" + Guid.NewGuid().ToString("N")[..10]);

    /// <summary>PEM files of a certificate for 127.0.0.1 issued by the test CA the portal trusts for metadata documents.</summary>
    public (string Certificate, string Key) DocumentServerTls { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(TempDirectory);
        var connectionString = await TestDatabase.NewAsync("connect");
        Db = NpgsqlDataSource.Create(connectionString);
        await new Migrator(Db).ApplyAsync();
        var portalPort = FreePort.Next();
        Idp = await DevIdentityProvider.StartAsync([$"http://127.0.0.1:{portalPort}"], McpUrl);
        var ca = MakeTlsMaterial();

        Portal = await PortalInstance.StartAsync(portalPort, connectionString, Idp.Issuer, Path.Combine(TempDirectory, "logs"),
            new Dictionary<string, string?>
            {
                ["Portal:McpEndpoint"] = McpEndpoint,
                ["OAuth:AccessTokenLifetime"] = AccessTokenLifetime.ToString(),
                ["OAuth:SigningKeyRotation"] = SigningKeyRotation.ToString(),
                ["OAuth:SigningKeyLead"] = SigningKeyLead.ToString(),
                ["OAuth:SigningKeyRefresh"] = "00:00:20",
            },
            services: s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                s.AddSingleton(sp => new MetadataDocumentFetcher(sp.GetRequiredService<OAuthOptions>().MetadataDocumentTimeout, allowLoopback: true, Clock, [ca]));
            });

        _mcp = McpApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Mcp:Mode"] = "Local",
                ["Mcp:PortalIssuer"] = Portal.Url,
                ["Mcp:ClientCredentialsIssuer"] = Idp.Issuer,
                ["Mcp:ClientCredentialsScope"] = "mcp.invoke",
                ["Mcp:ResourceUrl"] = McpUrl,
                ["Mcp:ApiKeysEnabled"] = "true",
                ["Mcp:RevocationCacheSeconds"] = RevocationCacheSeconds.ToString(),
                ["Mcp:LocalLogsDirectory"] = Path.Combine(TempDirectory, "logs"),
                ["ApiKeys:CurrentPepperVersion"] = "1",
                ["ApiKeys:Peppers:1"] = PortalInstance.TestPepper,
                ["Database:ConnectionString"] = connectionString,
                ["Logging:LogLevel:ModelContextProtocol"] = "Warning",
            });
            builder.WebHost.UseUrls(McpUrl);
            builder.Services.AddSingleton<TimeProvider>(Clock);
        });
        await _mcp.StartAsync();
    }

    public Task AllowAsync(params string[] emails) => TestAllowlist.EditAsync(Db, [Portal], current => current.Concat(emails));

    /// <summary>
    /// A beta user with documents to find: invited, signed in once (the portal provisions their org and Personal library),
    /// and these documents put in that library's KB.
    /// </summary>
    public async Task<string> BetaUserWithDocumentsAsync(params NewDocument[] documents)
    {
        var email = PortalStack.UniqueEmail("connect");
        await AllowAsync(email);
        using (await PortalSession.SignInAsync(Portal.Url, email)) { }
        await using var conn = await Db.OpenConnectionAsync();
        var kb = await conn.QuerySingleAsync<Guid>("""
            SELECT k.id FROM kbs k JOIN orgs o ON o.id = k.org_id JOIN users u ON u.id = o.personal_of
            WHERE u.email = @email AND k.name = 'Personal'
            """, new { email });
        await new DocumentWriter(Db).AddAsync(kb, documents);
        return email;
    }

    /// <summary>Writes the MCP server's queued audit rows now.</summary>
    public Task FlushMcpAuditAsync() => McpServices.GetRequiredService<ToolCallAuditor>().FlushAsync();

    /// <summary>A CA, and a certificate for 127.0.0.1 it issued (PEM files for Node); returns the CA for the portal to trust.</summary>
    private X509Certificate2 MakeTlsMaterial()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Autri connect-test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = leafRequest.Create(ca, now.AddDays(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(16));

        var certificate = Path.Combine(TempDirectory, "document-server.crt");
        var key = Path.Combine(TempDirectory, "document-server.key");
        File.WriteAllText(certificate, leaf.ExportCertificatePem());
        File.WriteAllText(key, leafKey.ExportPkcs8PrivateKeyPem());
        DocumentServerTls = (certificate, key);
        return X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert));
    }

    public async Task DisposeAsync()
    {
        if (_mcp is not null)
        {
            await _mcp.StopAsync();
            await _mcp.DisposeAsync();
        }
        if (Portal is not null) await Portal.DisposeAsync();
        if (Idp is not null) await Idp.DisposeAsync();
        if (Db is not null) await Db.DisposeAsync();
        try { Directory.Delete(TempDirectory, recursive: true); } catch (IOException) { }
    }
}
