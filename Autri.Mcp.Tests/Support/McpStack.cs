using Autri.Infra.Connectors.McpAccess;

namespace Autri.Mcp.Tests.Support;

[CollectionDefinition(Name)]
public sealed class McpCollection : ICollectionFixture<McpStack>
{
    public const string Name = "mcp";
}

/// <summary>
/// The real parts, started once for the collection: a fresh migrated database, the dev IdP (oidc-provider) whose
/// machine tokens name this server as audience, and the MCP server on Kestrel at 127.0.0.1 with API keys on,
/// an allowed browser origin, a JSON-lines log folder and a <see cref="ManualClock"/>. Each test makes its own
/// org, library and connectors (<see cref="NewTenantAsync"/>), so tests never share rows.
/// </summary>
public sealed class McpStack : IAsyncLifetime
{
    public const string AllowedOrigin = "http://portal.autri.test";

    private WebApplication? _app;

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource Db { get; private set; } = null!;

    public DevIdentityProvider Idp { get; private set; } = null!;

    public string Url { get; private set; } = "";

    public string Endpoint => Url + "/mcp";

    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), "autri-mcp-logs-" + Guid.NewGuid().ToString("N")[..8]);

    public string LogFile => Path.Combine(LogDirectory, "mcp.jsonl");

    public ManualClock Clock { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public string Pepper { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.NewAsync("mcp");
        Db = NpgsqlDataSource.Create(ConnectionString);
        await new Migrator(Db).ApplyAsync();
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}";
        Idp = await DevIdentityProvider.StartAsync([], Url);
        _app = await StartServerAsync(port, new Dictionary<string, string?>());
    }

    /// <summary>
    /// Starts another MCP server on the same database and IdP with extra settings (e.g. API keys off; a null value
    /// removes a setting). Its resource URL stays the first server's, the audience the dev IdP's tokens name.
    /// </summary>
    public async Task<McpInstance> StartAnotherAsync(Dictionary<string, string?> settings)
    {
        var port = FreePort.Next();
        return new McpInstance(await StartServerAsync(port, settings), $"http://127.0.0.1:{port}");
    }

    private async Task<WebApplication> StartServerAsync(int port, Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mcp:Mode"] = "Local",
            ["Mcp:ClientCredentialsIssuer"] = Idp.Issuer,
            ["Mcp:ClientCredentialsScope"] = "mcp.invoke",
            ["Mcp:ResourceUrl"] = Url,
            ["Mcp:AllowedOrigins:0"] = AllowedOrigin,
            ["Mcp:ApiKeysEnabled"] = "true",
            ["Mcp:RevocationCacheSeconds"] = "30",
            ["Mcp:LocalLogsDirectory"] = LogDirectory,
            ["Mcp:MaxDocumentChars"] = "1000",
            ["ApiKeys:CurrentPepperVersion"] = "1",
            ["ApiKeys:Peppers:1"] = Pepper,
            ["ApiKeys:CacheSeconds"] = "30",
            // Every test calls from 127.0.0.1, many refused on purpose; FailedAuthenticationLimitTests sets a low limit of its own.
            ["RateLimits:FailedAuthPerAddress"] = "100000",
            // The server's own role, as deployed (a missing grant fails a test); the owner migrates and seeds.
            ["Database:ConnectionString"] = DatabaseLogins.As(ConnectionString, AppRoles.Mcp),
            ["Database:OwnerConnectionString"] = ConnectionString,
        };
        foreach (var (k, v) in extra) settings[k] = v;
        // Aws mode never holds the owner login (the migrate step applies migrations there); the stack already migrated.
        if (settings["Mcp:Mode"] == "Aws") settings.Remove("Database:OwnerConnectionString");
        var app = McpApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Services.AddSingleton<TimeProvider>(Clock);
        });
        await app.StartAsync();
        return app;
    }

    public Task<Tenant> NewTenantAsync() => Tenant.CreateAsync(this);

    /// <summary>Writes the queued audit rows now, so a test can read them back.</summary>
    public Task FlushAuditAsync() => Services.GetRequiredService<ToolCallAuditor>().FlushAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Idp is not null) await Idp.DisposeAsync();
        if (Db is not null) await Db.DisposeAsync();
        try { Directory.Delete(LogDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
