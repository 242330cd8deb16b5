namespace Autri.Testing;

/// <summary>
/// The real local OIDC provider (dev/idp, oidc-provider on Node) as a child process on a free port, with open
/// sign-up so each test can sign in with an email of its own (password <see cref="Password"/>).
/// </summary>
public sealed class DevIdentityProvider : IAsyncDisposable
{
    public const string Password = "autri-demo";
    public const string AdminEmail = "admin@autri.test";
    public const string BetaEmail = "beta@autri.test";
    public const string PortalClientId = "autri-portal";
    public const string PortalClientSecret = "dev-portal-secret";
    public const string RegistrationToken = "dev-registration-token";

    private readonly Process _process;
    private readonly string _dataDir;

    private DevIdentityProvider(Process process, string dataDir, int port)
    {
        _process = process;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public string Issuer => $"http://127.0.0.1:{Port}";

    public static async Task<DevIdentityProvider> StartAsync(IEnumerable<string> portalOrigins, string mcpResource = "http://127.0.0.1:8000")
    {
        var origins = portalOrigins.ToList();
        // A port found free can be taken before Node binds it (another test assembly's server): then start again
        // elsewhere. A Node that runs without ever answering (seen in about one CI run in five, after printing only its
        // runtime warning, while hundreds of starts in a loop never did it) is given up and started again too; every
        // attempt's account goes into the message if none answers.
        var failures = new List<string>();
        foreach (var limit in new[] { TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90) })
        {
            var (idp, failure) = await TryStartAsync(origins, mcpResource, limit);
            if (idp is not null) return idp;
            failures.Add(failure);
            if (!failure.Contains("EADDRINUSE") && !failure.Contains(NoAnswer)) break;
        }
        throw new InvalidOperationException(string.Join("\n", failures.Select((f, i) => $"Attempt {i + 1}: {f}")));
    }

    private const string NoAnswer = "no answer on port";

    private static async Task<(DevIdentityProvider? Idp, string Failure)> TryStartAsync(List<string> origins, string mcpResource, TimeSpan limit)
    {
        var port = FreePort.Next();
        var dataDir = Path.Combine(Path.GetTempPath(), "autri-idp-" + Guid.NewGuid().ToString("N")[..12]);
        var psi = new ProcessStartInfo("node", Path.Combine(RepoPaths.Root, "dev", "idp", "server.mjs"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.Environment["IDP_PORT"] = port.ToString();
        psi.Environment["IDP_DATA_DIR"] = dataDir;
        psi.Environment["IDP_OPEN_SIGNUP"] = "1";
        psi.Environment["IDP_MCP_RESOURCE"] = mcpResource;
        psi.Environment["IDP_PORTAL_REDIRECT_URIS"] = string.Join(',', origins.Select(o => o + "/signin-oidc"));
        psi.Environment["IDP_PORTAL_POST_LOGOUT_URIS"] = string.Join(',', origins.Select(o => o + "/signed-out"));
        var process = Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var idp = new DevIdentityProvider(process, dataDir, port);
        // Each probe has its own short timeout, so a hung answer cannot outlast the deadline.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        // Generous: a start takes under a second here (0.75 s measured), many seconds on a loaded 2-core CI machine.
        string? lastProbe = null;
        while (started.Elapsed < limit && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(idp.Issuer + "/healthz");
                if (response.IsSuccessStatusCode) return (idp, "");
                lastProbe = $"/healthz answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastProbe = e.Message;
            }
            await Task.Delay(100);
        }
        string why;
        if (process.HasExited)
        {
            await process.WaitForExitAsync(); // lets the output readers drain, so the error Node printed is in the message
            why = $"node exited with code {process.ExitCode} after {started.Elapsed.TotalSeconds:F1} s";
        }
        else why = $"{NoAnswer} {port} within {limit.TotalSeconds:F0} s (last probe: {lastProbe ?? "none"}; node {ProcessState(process.Id)})";
        await idp.DisposeAsync();
        lock (output) return (null, $"The dev IdP did not start: {why}. Its output:\n{output}");
    }

    /// <summary>What Linux says a process is doing (its state and the kernel function it waits in), for a start that hangs.</summary>
    private static string ProcessState(int pid)
    {
        try
        {
            var state = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal))?[6..].Trim();
            return $"state {state}, waiting in {File.ReadAllText($"/proc/{pid}/wchan")}";
        }
        catch (IOException e)
        {
            return "state unknown: " + e.Message;
        }
    }

    /// <summary>
    /// Changes an account through the IdP's admin API (dev/idp README, "Account state"): any of <c>groups</c>,
    /// <c>enabled</c>, <c>emailVerified</c>, as Cognito's admin operations would. Works before the person signs in.
    /// </summary>
    public async Task SetAccountAsync(string email, object change)
    {
        using var http = AdminClient();
        using var response = await http.PatchAsync(Issuer + "/admin/accounts/" + Uri.EscapeDataString(email),
            new StringContent(System.Text.Json.JsonSerializer.Serialize(change), System.Text.Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The IdP refused the account change ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
    }

    private static HttpClient AdminClient()
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(PortalClientId + ":" + PortalClientSecret)));
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.KillTreeAsync();
        _process.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
