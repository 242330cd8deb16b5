namespace Autri.Portal.Tests.Deployment;

public class DockerComposeTests
{
    [Fact]
    public async Task The_compose_file_is_valid_and_describes_the_local_stack()
    {
        var (exit, output, errors) = await RunAsync("docker-compose", "-f", Path.Combine(RepoPaths.Root, "docker-compose.yml"), "config");

        Assert.True(exit == 0, "docker-compose config failed: " + errors);
        Assert.Contains("image: pgvector/pgvector:pg16", output);
        foreach (var service in new[] { "postgres:", "idp:", "portal:" }) Assert.Contains("  " + service, output);
        // The portal's required settings are all given (its options fail fast at start otherwise).
        foreach (var key in new[] { "Portal__PublicUrl", "Portal__ContactEmail", "Portal__McpEndpoint", "Database__ConnectionString", "Database__OwnerConnectionString", "Identity__Authority", "Identity__ClientId" })
            Assert.Contains(key + ":", output);
    }

    private static async Task<(int, string, string)> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException(file + " did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
