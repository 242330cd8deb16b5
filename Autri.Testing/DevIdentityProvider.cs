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
        var port = FreePort.Next();
        var dataDir = Path.Combine(Path.GetTempPath(), "autri-idp-" + Guid.NewGuid().ToString("N")[..12]);
        var origins = portalOrigins.ToList();
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
        using var http = new HttpClient();
        // Generous: on a loaded 2-core CI machine, Node's start plus a first RSA key generation can take many seconds.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) break;
            try
            {
                if ((await http.GetAsync(idp.Issuer + "/healthz")).IsSuccessStatusCode) return idp;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        await idp.DisposeAsync();
        lock (output) throw new InvalidOperationException("The dev IdP did not start:\n" + output);
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
