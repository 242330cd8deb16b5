namespace Autri.Testing;

/// <summary>The Node programs tests run (tests/mcp-interop: the official MCP SDK, mcp-remote): install once, run with a deadline.</summary>
public static class NodeProject
{
    public static readonly string Interop = Path.Combine(RepoPaths.Root, "tests", "mcp-interop");

    /// <summary>npm ci once per checkout, again when package-lock.json changed (scripts/setup.sh may have done it already).</summary>
    public static async Task EnsureInstalledAsync(string directory)
    {
        var installed = Path.Combine(directory, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(directory, "package-lock.json"))) return;
        var (exitCode, output) = await RunAsync(directory, "npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
        if (exitCode != 0) throw new InvalidOperationException($"npm ci in {directory} failed:\n{output}");
    }

    /// <summary>Runs a program to its end (killed at the deadline) and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string> env, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
