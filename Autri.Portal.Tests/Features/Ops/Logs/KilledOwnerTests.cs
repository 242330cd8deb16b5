using static Autri.Portal.Tests.Features.Ops.Logs.LogsTestSupport;

namespace Autri.Portal.Tests.Features.Ops.Logs;

/// <summary>
/// A portal process killed with SIGKILL while its Logs run is running: no shutdown code runs, so nothing of its own
/// marks the run; another instance must see the owner go quiet and fail the run, or it would read "Running" forever.
/// </summary>
[Collection(PortalCollection.Name)]
public class KilledOwnerTests(PortalStack stack)
{
    [Fact]
    public async Task A_run_whose_portal_was_killed_mid_scan_ends_as_failed_on_another_instance()
    {
        var logs = Directory.CreateTempSubdirectory("autri-killed-").FullName;
        var group = "held" + Guid.NewGuid().ToString("N")[..8];
        var fifo = Path.Combine(logs, group + ".jsonl");
        try
        {
            // The group's log file is a named pipe the test keeps open at both ends: the scan reads what is written and
            // then waits for more, so the run is still running, deterministically, when its portal dies.
            using (var mkfifo = Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
            await using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
            await pipe.WriteAsync(Encoding.UTF8.GetBytes($$"""{"time":"{{Iso(DateTimeOffset.UtcNow)}}","level":"info","message":"scanned before the kill"}""" + "\n"));
            await pipe.FlushAsync();
            await using var survivor = await stack.StartSpareAsync(new Dictionary<string, string?> { ["Logs:OwnerTimeout"] = "00:00:03" });
            await using var doomed = await PortalProcess.StartAsync(stack, logs);
            using var admin = await SignInAdminAsync(stack.Portal.Url);
            var (_, page) = await RunAdHocAsync(admin.Client, doomed.Url, $"/ops/logs/query?q={Url("fields @message | limit 5")}&groups={group}&range=1h");
            var id = RunIdOf(page);
            await WaitForStatusAsync(admin.Client, doomed.Url, id, status => Status(status) == "Running");

            await doomed.KillAsync();

            var final = await WaitForFinalAsync(admin.Client, survivor.Url, id);
            Assert.Equal("Failed", Status(final));
            Assert.Contains("The portal instance running this query stopped before it finished. Run it again.", final.Body!.TextContent);
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }
}
