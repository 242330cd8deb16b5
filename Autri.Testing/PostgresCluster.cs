namespace Autri.Testing;

/// <summary>
/// A real, throwaway PostgreSQL cluster (Debian's binaries via scripts/pg.sh) for one test run.
/// Each test gets its own database through <see cref="CreateDatabaseAsync"/> so tests never share rows.
/// Its folder is under the temp folder (not the checkout), so the postgres OS user that runs it as root can enter it
/// wherever the checkout is; it runs without fsync (pg.sh --throwaway): nothing in it outlives the run.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _dir;
    private int _databases;

    private PostgresCluster(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PostgresCluster> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "autri-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var port = FreePort.Next();
        await RunScriptAsync("start", dir, port.ToString(), "--throwaway");
        return new PostgresCluster(dir, port);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var name = $"{prefix ?? "t"}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    /// <summary>
    /// Turns TLS on with this certificate and key (PEM), as RDS serves it: clients may then connect with
    /// SslMode=Require, and VerifyFull succeeds only against a root certificate the server's chains to.
    /// </summary>
    public async Task EnableTlsAsync(string certificatePem, string privateKeyPem)
    {
        var cert = Path.Combine(_dir, "server.crt");
        var key = Path.Combine(_dir, "server.key");
        await File.WriteAllTextAsync(cert, certificatePem);
        await File.WriteAllTextAsync(key, privateKeyPem);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite); // Postgres refuses a key others can read
        if (Environment.UserName == "root") await RunAsync("chown", "postgres:", cert, key); // the cluster runs as postgres (scripts/pg.sh)
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using (var on = new NpgsqlCommand("ALTER SYSTEM SET ssl = on", conn)) await on.ExecuteNonQueryAsync();
        await using (var reload = new NpgsqlCommand("SELECT pg_reload_conf()", conn)) await reload.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server (data kept), to test what happens when the database goes away.</summary>
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunScriptAsync("stop", _dir);
    }

    /// <summary>Starts a stopped server again on the same port.</summary>
    public Task RestartAsync() => RunScriptAsync("start", _dir, Port.ToString(), "--throwaway");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunScriptAsync("stop", _dir);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static Task RunScriptAsync(params string[] args) => RunAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "pg.sh"), .. args]);

    private static async Task RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {await stderr}");
    }
}
