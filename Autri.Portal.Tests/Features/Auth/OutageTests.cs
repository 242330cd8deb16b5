namespace Autri.Portal.Tests.Features.Auth;

/// <summary>The identity provider or the database away: a clear page or status and a log line, never a stack trace.</summary>
[Collection(PortalCollection.Name)]
public class OutageTests(PortalStack stack)
{
    [Fact]
    public async Task With_the_identity_provider_down_sign_in_says_so()
    {
        var port = FreePort.Next();
        var logs = Path.Combine(Path.GetTempPath(), "autri-outage-" + Guid.NewGuid().ToString("N")[..8]);
        await using var portal = await PortalInstance.StartAsync(port, stack.ConnectionString, $"http://127.0.0.1:{FreePort.Next()}", logs);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var start = await client.GetAsync(portal.Url + "/sign-in");
        var page = await client.GetAsync(portal.Url + start.Headers.Location);

        Assert.Equal("/sign-in/failed?reason=idp_unavailable", start.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("sign-in service is not reachable", html);
        Assert.DoesNotContain("Exception", html);
        await portal.DisposeAsync();
        Assert.Contains("\"event\":\"idp_unreachable\"", await File.ReadAllTextAsync(Path.Combine(logs, "portal.jsonl")));
    }

    [Fact]
    public async Task With_the_database_down_at_start_the_portal_starts_and_reports_not_ready_until_it_is_back()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var connection = await cluster.CreateDatabaseAsync();
        await cluster.StopAsync();
        var port = FreePort.Next();
        var app = Autri.Portal.PortalApp.Create(["--urls", $"http://127.0.0.1:{port}"], b =>
            Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(b.Configuration, Settings(port, connection, stack.Idp.Issuer)));
        await app.StartAsync();
        try
        {
            using var client = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode);
            var ready = await client.GetAsync($"http://127.0.0.1:{port}/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("not ready", await ready.Content.ReadAsStringAsync());

            await cluster.RestartAsync();

            var back = false;
            for (var i = 0; i < 120 && !back; i++)
            {
                back = (await client.GetAsync($"http://127.0.0.1:{port}/readyz")).IsSuccessStatusCode;
                if (!back) await Task.Delay(250);
            }
            Assert.True(back, "the portal became ready once the database was back");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_the_database_down_mid_session_pages_answer_503_with_an_explanation()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var connection = await cluster.CreateDatabaseAsync();
        var port = FreePort.Next();
        await using var idp = await DevIdentityProvider.StartAsync([$"http://127.0.0.1:{port}"]);
        await using var portal = await PortalInstance.StartAsync(port, connection, idp.Issuer, Path.GetTempPath());
        using var admin = new HttpSignIn();
        Assert.Equal("/", await admin.SignInAsync(portal.Url, "admin@autri.test"));

        await cluster.StopAsync();
        var response = await admin.Client.GetAsync(portal.Url + "/notifications");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("database is not reachable", html);
        Assert.DoesNotContain("Npgsql", html);
        Assert.DoesNotContain("   at ", html);
    }

    [Fact]
    public async Task With_the_database_down_a_sign_in_fails_cleanly()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var connection = await cluster.CreateDatabaseAsync();
        var port = FreePort.Next();
        await using var idp = await DevIdentityProvider.StartAsync([$"http://127.0.0.1:{port}"]);
        await using var portal = await PortalInstance.StartAsync(port, connection, idp.Issuer, Path.GetTempPath());
        using (var first = new HttpSignIn()) await first.SignInAsync(portal.Url, "admin@autri.test"); // data-protection keys loaded
        await cluster.StopAsync();
        using var browser = new HttpSignIn();

        var landing = await browser.SignInAsync(portal.Url, PortalStack.UniqueEmail("dbdown"));

        Assert.Equal("/sign-in/failed?reason=database_unavailable", landing);
    }

    private static Dictionary<string, string?> Settings(int port, string connection, string issuer) =>
        PortalInstance.Settings(port, connection + ";Timeout=2", issuer, Path.GetTempPath());
}
