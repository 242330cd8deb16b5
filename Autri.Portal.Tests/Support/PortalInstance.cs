using Autri.Portal;
using Autri.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Autri.Portal.Tests.Support;

/// <summary>The real portal (PortalApp.Create) on Kestrel at a loopback port, configured for a test stack.</summary>
public sealed class PortalInstance : IAsyncDisposable
{
    private PortalInstance(WebApplication app, int port)
    {
        App = app;
        Port = port;
    }

    public WebApplication App { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public IServiceProvider Services => App.Services;

    /// <summary>Shared by both instances, as peppers are in a deployment.</summary>
    internal static readonly string TestPepper = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static async Task<PortalInstance> StartAsync(int port, string connectionString, string issuer, string logsDirectory,
        IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Mode"] = "Local",
            ["Portal:PublicUrl"] = $"http://127.0.0.1:{port}",
            ["Portal:ContactEmail"] = "beta-invites@autri.test",
            ["Portal:McpEndpoint"] = "http://127.0.0.1:8000/mcp",
            ["Portal:LocalLogsDirectory"] = logsDirectory,
            ["Portal:AllowlistCacheSeconds"] = "30",
            ["Portal:TrustForwardedHeaders"] = "false",
            ["Database:ConnectionString"] = connectionString,
            ["Identity:Authority"] = issuer,
            ["Identity:ClientId"] = DevIdentityProvider.PortalClientId,
            ["Identity:ClientSecret"] = DevIdentityProvider.PortalClientSecret,
            ["Identity:LogoutStyle"] = "EndSession",
            ["Connectors:RegistrationToken"] = DevIdentityProvider.RegistrationToken,
            ["ApiKeys:CurrentPepperVersion"] = "1",
            ["ApiKeys:Peppers:1"] = TestPepper,
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;

        var app = PortalApp.Create(["--urls", $"http://127.0.0.1:{port}", "--environment", "Test"],
            b => b.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        var instance = new PortalInstance(app, port);
        await instance.WaitUntilReadyAsync();
        return instance;
    }

    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var r = await http.GetAsync(Url + "/readyz");
            if (r.IsSuccessStatusCode) return;
            await Task.Delay(50);
        }
        throw new InvalidOperationException("The portal did not become ready at " + Url);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
