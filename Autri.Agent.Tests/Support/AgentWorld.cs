using Autri.Coordination.Database;
using Autri.Coordination.Deployments;
using Autri.Portal;
using Npgsql;

namespace Autri.Agent.Tests.Support;

/// <summary>A deployment the vendor issued a licence and credential to.</summary>
public sealed record IssuedDeployment(Guid Id, string Licence, string Credential);

/// <summary>
/// A customer-managed deployment and the vendor, all real: the product's Postgres, the dev IdP, the portal (on Kestrel
/// in this process, agent API on), the MCP server and the coordination service (each a process of its own, the
/// service on a database of its own), and a throwaway vendor key. Tests start the agent as a process against it, each
/// for a deployment of its own.
/// </summary>
public sealed class AgentWorld : IAsyncLifetime
{
    public const string PortalToken = "agent-world-portal-token-0123456789abcdef";
    public const string Environment = "acme";

    private readonly List<ChildProcess> _agents = [];

    public ThrowawayVendorKey Vendor { get; } = new();

    public NpgsqlDataSource ProductDb { get; private set; } = null!;

    public DevIdentityProvider Idp { get; private set; } = null!;

    public WebApplication Portal { get; private set; } = null!;

    public string PortalUrl { get; private set; } = "";

    public ChildProcess Mcp { get; private set; } = null!;

    public string McpUrl { get; private set; } = "";

    public CoordinationProcess Coordination { get; private set; } = null!;

    public NpgsqlDataSource CoordinationDb { get; private set; } = null!;

    public string LogsDirectory { get; } = Path.Combine(Path.GetTempPath(), "autri-agent-logs-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        var product = await TestDatabase.NewAsync("agentproduct");
        ProductDb = NpgsqlDataSource.Create(product);
        await new Migrator(ProductDb).ApplyAsync();
        var coordination = await TestDatabase.NewAsync("agentvendor");
        CoordinationDb = NpgsqlDataSource.Create(coordination);
        await new Migrator(CoordinationDb, CoordinationDatabase.Migrations).ApplyAsync();

        var portalPort = FreePort.Next();
        PortalUrl = $"http://127.0.0.1:{portalPort}";
        Idp = await DevIdentityProvider.StartAsync([PortalUrl]);
        var settings = PortalSettings.Local(portalPort, product, Idp.Issuer, LogsDirectory);
        settings["AgentApi:Token"] = PortalToken;
        settings["Vendor:PublicKeyFile"] = Vendor.PublicKeyFile;
        Portal = PortalApp.Create(["--urls", PortalUrl, "--environment", "Test"], b => b.Configuration.AddInMemoryCollection(settings));
        await Portal.StartAsync();

        var mcpPort = FreePort.Next();
        McpUrl = $"http://127.0.0.1:{mcpPort}";
        // --urls: the MCP server's appsettings.json names port 8000, which ASPNETCORE_URLS would not override.
        Mcp = ChildProcess.Start("Autri.Mcp", ["--urls", McpUrl], new Dictionary<string, string?>
        {
            ["Mcp__Mode"] = "Local",
            ["Mcp__PortalIssuer"] = PortalUrl,
            ["Mcp__ResourceUrl"] = McpUrl,
            ["Database__ConnectionString"] = product,
        });
        Coordination = await CoordinationProcess.StartAsync(coordination);
        await AgentWait.HttpOkAsync(PortalUrl + "/readyz", "the portal");
        await AgentWait.HttpOkAsync(McpUrl + "/readyz", "the MCP server");
    }

    /// <summary>Registers a deployment with the vendor (as issue-licence does) and signs its licence.</summary>
    public async Task<IssuedDeployment> IssueAsync(DateTimeOffset? expires = null, int graceDays = 14)
    {
        var id = Guid.NewGuid();
        var expiry = expires ?? DateTimeOffset.UtcNow.AddDays(365);
        var credential = await new DeploymentRegistry(CoordinationDb).RegisterAsync(new RegisteredDeployment(id, "acme", "Acme test", expiry, graceDays));
        var issued = expiry.AddDays(-365) < DateTimeOffset.UtcNow ? expiry.AddDays(-365) : DateTimeOffset.UtcNow;
        var licence = LicenceDocument.Sign(new LicenceClaims("acme", id, issued, expiry, TimeSpan.FromDays(graceDays), 10, []), Vendor.Private);
        return new IssuedDeployment(id, licence, credential);
    }

    /// <summary>The agent's environment for a deployment: Local mode, short intervals, the throwaway vendor key.</summary>
    public Dictionary<string, string?> AgentSettings(IssuedDeployment deployment, string? coordinationUrl = null) => new()
    {
        ["Agent__Mode"] = "Local",
        ["Agent__CoordinationUrl"] = coordinationUrl ?? Coordination.Url,
        ["Agent__Licence"] = deployment.Licence,
        ["Agent__DeploymentCredential"] = deployment.Credential,
        ["Agent__Channel"] = "stable",
        ["Agent__Environment"] = Environment,
        ["Agent__PortalUrl"] = PortalUrl,
        ["Agent__PortalToken"] = PortalToken,
        ["Agent__McpUrl"] = McpUrl,
        ["Agent__HeartbeatInterval"] = "00:00:01",
        ["Agent__ManifestInterval"] = "00:00:01",
        ["Agent__BackoffInitial"] = "00:00:00.200",
        ["Agent__BackoffMax"] = "00:00:02",
        ["Vendor__PublicKeyFile"] = Vendor.PublicKeyFile,
    };

    /// <summary>Starts the built agent as a process (stopped with the world, or by the test).</summary>
    public ChildProcess StartAgent(Dictionary<string, string?> settings)
    {
        var agent = ChildProcess.Start("Autri.Agent", [], settings);
        lock (_agents) _agents.Add(agent);
        return agent;
    }

    /// <summary>Every heartbeat the service stored for a deployment, oldest first.</summary>
    public async Task<IReadOnlyList<Heartbeat>> HeartbeatsAsync(Guid deploymentId)
    {
        await using var conn = await CoordinationDb.OpenConnectionAsync();
        var bodies = await conn.QueryAsync<string>("SELECT body::text FROM heartbeats WHERE deployment_id = @deploymentId ORDER BY id", new { deploymentId });
        return bodies.Select(b => JsonSerializer.Deserialize<Heartbeat>(b, CoordinationJson.Options)!).ToList();
    }

    public async Task<long> ProductCountAsync(string sql, object? args = null)
    {
        await using var conn = await ProductDb.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(sql, args);
    }

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents) await agent.DisposeAsync();
        if (Coordination is not null) await Coordination.DisposeAsync();
        if (Mcp is not null) await Mcp.DisposeAsync();
        if (Portal is not null)
        {
            await Portal.StopAsync();
            await Portal.DisposeAsync();
        }
        if (Idp is not null) await Idp.DisposeAsync();
        await ProductDb.DisposeAsync();
        await CoordinationDb.DisposeAsync();
        Vendor.Dispose();
        try { Directory.Delete(LogsDirectory, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AgentCollection : ICollectionFixture<AgentWorld>
{
    public const string Name = "agent world";
}
