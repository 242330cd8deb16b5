using Autri.Testing.Processes;

namespace Autri.Testing.Coordination;

/// <summary>
/// The vendor's coordination service (Autri.Coordination) as a real process on a loopback port, against a database of
/// its own, with one fleet-page account. It can be stopped and started again on the same port and database, as an
/// outage and a recovery look to the agents.
/// </summary>
public sealed class CoordinationProcess : IAsyncDisposable
{
    public const string AdminUser = "vendor";
    public const string AdminPassword = "fleet-test-password";

    /// <summary>PBKDF2 hash of <see cref="AdminPassword"/> in the hash-password command's format (made once, offline).</summary>
    public const string AdminHash = "pbkdf2-sha256$600000$OerJPgwuhcfh+pE5BEkLbA==$EQ9YbAQN0D8bOWeGO8KO7GaPpYqy3fhFlhGFxUpa89I=";

    private readonly IDictionary<string, string?> _environment;

    private CoordinationProcess(int port, string connectionString, IDictionary<string, string?> environment)
    {
        Port = port;
        ConnectionString = connectionString;
        _environment = environment;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string ConnectionString { get; }

    public ChildProcess Process { get; private set; } = null!;

    public static Dictionary<string, string?> Settings(string connectionString, int port) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Database__ConnectionString"] = connectionString,
        ["Coordination__Admins__" + AdminUser] = AdminHash,
    };

    public static async Task<CoordinationProcess> StartAsync(string connectionString, IDictionary<string, string?>? extra = null)
    {
        var port = FreePort.Next();
        var environment = Settings(connectionString, port);
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) environment[k] = v;
        var service = new CoordinationProcess(port, connectionString, environment);
        await service.StartAgainAsync();
        return service;
    }

    /// <summary>Starts the service (again) on its port and waits until it is ready.</summary>
    public async Task StartAgainAsync()
    {
        Process = ChildProcess.Start("Autri.Coordination", [], _environment);
        await Process.WaitUntilReadyAsync(Url);
    }

    /// <summary>Stops the process: from now on agents cannot reach the service.</summary>
    public Task StopAsync() => Process.StopAsync();

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
