namespace Autri.Portal.Tests.Features.Notifications;

/// <summary>
/// Live notifications across OS processes: the second portal here is its own <c>dotnet Autri.Portal.dll</c>
/// process (configured through environment variables, as a deployment is), so nothing in memory can carry the
/// event: only Postgres LISTEN/NOTIFY connects the two.
/// </summary>
[Collection(PortalCollection.Name)]
public class NotificationTwoProcessTests(PortalStack stack)
{
    [Fact]
    public async Task A_broadcast_in_this_process_reaches_a_stream_served_by_another_process()
    {
        var email = PortalStack.UniqueEmail("process");
        using var user = await NotificationSessions.UserAsync(stack, email);
        using var admin = await NotificationSessions.AdminAsync(stack);
        await using var other = await PortalProcess.StartAsync(stack);

        // The session cookie from the in-test portal is valid in the other process: data-protection keys live in Postgres.
        using var events = await ServerSentEvents.OpenAsync(user.Client, other.Url + "/notifications/stream?shown=1");
        Assert.Equal("1", BadgeOf(await events.NextAsync()));

        var post = await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, email, "Across processes");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);

        Assert.Equal("2", BadgeOf(await events.NextAsync()));
    }

    private static string? BadgeOf(ServerSentEvent e) =>
        new HtmlParser().ParseDocument("<body>" + e.Data + "</body>").QuerySelector("[data-testid=unread-count]")?.TextContent;

    private sealed class PortalProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private PortalProcess(Process process, string url)
        {
            _process = process;
            Url = url;
        }

        public string Url { get; }

        public static async Task<PortalProcess> StartAsync(PortalStack stack)
        {
            var port = FreePort.Next();
            var url = $"http://127.0.0.1:{port}";
            // The portal's own build output sits beside the test's: Autri.Portal/bin/<configuration>/<tfm>/.
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(RepoPaths.Root, "Autri.Portal", "bin", testBin.Parent!.Name, testBin.Name, "Autri.Portal.dll");
            Assert.True(File.Exists(dll), "Build the portal first: " + dll);

            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.Combine(RepoPaths.Root, "Autri.Portal"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { dll, "--urls", url, "--environment", "Test" }) start.ArgumentList.Add(arg);
            foreach (var (key, value) in PortalInstance.Settings(port, stack.ConnectionString, stack.Idp.Issuer, stack.LogsDirectory))
                start.Environment[key.Replace(":", "__")] = value;

            var process = Process.Start(start)!;
            var portal = new PortalProcess(process, url);
            process.OutputDataReceived += (_, e) => { lock (portal._output) portal._output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (portal._output) portal._output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var http = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    if ((await http.GetAsync(url + "/readyz")).IsSuccessStatusCode) return portal;
                }
                catch (HttpRequestException) { }
                await Task.Delay(100);
            }
            await portal.DisposeAsync();
            throw new InvalidOperationException("The portal process did not become ready:\n" + portal._output);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
