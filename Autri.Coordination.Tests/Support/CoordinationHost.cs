using Autri.Infra.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Autri.Coordination.Tests.Support;

/// <summary>
/// The real coordination service (CoordinationApp.Create) on Kestrel at a loopback port, on a fresh database of its
/// own with its own migrations, and one fleet-page account. Each test registers its own deployments.
/// </summary>
public sealed class CoordinationHost : IAsyncLifetime
{
    private WebApplication _app = null!;

    public string Url { get; private set; } = "";

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource Db { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public DeploymentRegistry Registry => _app.Services.GetRequiredService<DeploymentRegistry>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.NewAsync("coordination");
        Db = NpgsqlDataSource.Create(ConnectionString);
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}";
        _app = CoordinationApp.Create([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = ConnectionString,
                ["Coordination:Admins:" + CoordinationProcess.AdminUser] = CoordinationProcess.AdminHash,
                ["Coordination:MaxDiagnosticsBytes"] = "4096",
            });
            b.WebHost.UseUrls(Url);
        });
        await _app.StartAsync();
        await new Migrator(Db, Database.CoordinationDatabase.Migrations).ApplyAsync();
    }

    /// <summary>A new deployment with a licence until <paramref name="expires"/>, and its credential.</summary>
    public async Task<(Guid Id, string Credential)> RegisterAsync(DateTimeOffset? expires = null, string customer = "acme", string label = "")
    {
        var id = Guid.NewGuid();
        var credential = await Registry.RegisterAsync(new RegisteredDeployment(id, customer, label, expires ?? DateTimeOffset.UtcNow.AddDays(365), 14));
        return (id, credential);
    }

    /// <summary>An HTTP client that presents a deployment credential.</summary>
    public HttpClient AgentClient(string credential)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", credential);
        return http;
    }

    /// <summary>An HTTP client signed in to the fleet page.</summary>
    public HttpClient AdminClient(string user = CoordinationProcess.AdminUser, string password = CoordinationProcess.AdminPassword)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

    public static Heartbeat HeartbeatFor(Guid deploymentId, CatchUp? catchUp = null) => new(
        deploymentId, DateTimeOffset.UtcNow,
        new AppReport(AppHealth.Ready, "1.4.0"), new AppReport(AppHealth.Ready, "1.4.0"),
        new DatabaseReport(AppHealth.Ready, "0011_oauth_server.sql", DateTimeOffset.UtcNow.AddDays(-3)),
        new UsageCounts(12, 30, 420), catchUp);

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(conn, sql, args);
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Db.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CoordinationCollection : ICollectionFixture<CoordinationHost>
{
    public const string Name = "coordination service";
}
