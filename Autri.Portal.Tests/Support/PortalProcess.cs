using Autri.Testing.Processes;

namespace Autri.Portal.Tests.Support;

/// <summary>
/// The portal as its own OS process (<c>dotnet Autri.Portal.dll</c>, configured through environment variables as a
/// deployment is) on the test stack's database: nothing in memory is shared with the in-test portals, and it can be
/// killed as a crashed instance is. Sessions carry over: cookies are per host and the key ring is in Postgres.
/// </summary>
public sealed class PortalProcess(ChildProcess process, string url) : IAsyncDisposable
{
    public string Url => url;

    public string Output => string.Join('\n', process.Lines);

    /// <param name="logsDirectory">Its own JSON-lines logs folder (the Logs page's local engine reads it); the stack's by default.</param>
    public static async Task<PortalProcess> StartAsync(PortalStack stack, string? logsDirectory = null)
    {
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        var settings = PortalInstance.Settings(port, stack.ConnectionString, stack.Idp.Issuer, logsDirectory ?? stack.LogsDirectory);
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        var child = ChildProcess.Start("Autri.Portal", ["--urls", url, "--environment", "Test"], environment);
        try
        {
            await child.WaitUntilReadyAsync(url);
            return new PortalProcess(child, url);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, as the kernel's OOM killer or a lost host ends an instance: no shutdown code runs.</summary>
    public Task KillAsync() => process.StopAsync();

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
