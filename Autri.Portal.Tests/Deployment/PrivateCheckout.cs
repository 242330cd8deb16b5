namespace Autri.Portal.Tests.Deployment;

/// <summary>
/// A copy of this checkout inside a folder only its owner may enter (mode 700), like a clone under root's home: the
/// postgres OS user the local stack's cluster runs as (as root) cannot reach into it. Build output, test results,
/// local state and git are left behind; the npm packages of the dev IdP and the portal come along (no download).
/// Deleting it also deletes the cluster folders the run command reported for it.
/// </summary>
public sealed class PrivateCheckout : IAsyncLifetime
{
    private static readonly string[] LeftBehind =
    [
        "./.git", "./.local", "./*/bin", "./*/obj", "./*/TestResults", "./bench/*/bin", "./bench/*/obj", "./bench/out",
        "./infra-cdk/node_modules", "./infra-cdk/cdk.out", "./tests/*/node_modules",
    ];

    private readonly List<string> _clusterFolders = [];

    public string Parent { get; } = Path.Combine(Path.GetTempPath(), "autri-private-" + Guid.NewGuid().ToString("N")[..8]);

    public string Root => Path.Combine(Parent, "autri");

    public async Task InitializeAsync()
    {
        var excludes = string.Join(' ', LeftBehind.Select(e => $"--exclude='{e}'"));
        await RunAsync("bash", "-c", $"set -o pipefail; mkdir -m 700 '{Parent}' && mkdir '{Root}' && " +
            $"tar -C '{RepoPaths.Root}' --no-wildcards-match-slash {excludes} -cf - . | tar -C '{Root}' -xf -");
    }

    /// <summary>Remembers a cluster folder outside the copy (as root, under /var/lib/autri-local) to delete with it.</summary>
    public void Owns(string clusterFolder)
    {
        if (!clusterFolder.StartsWith(Parent + "/", StringComparison.Ordinal) && !_clusterFolders.Contains(clusterFolder)) _clusterFolders.Add(clusterFolder);
    }

    public Task DisposeAsync()
    {
        foreach (var folder in _clusterFolders.Append(Parent))
        {
            try { Directory.Delete(folder, recursive: true); } catch (DirectoryNotFoundException) { }
        }
        return Task.CompletedTask;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException(file + " did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {await stdout}{await stderr}");
    }
}
