namespace Autri.Portal.Tests.Deployment;

/// <summary>
/// The README's run command, run for real from a copy of the checkout in a folder only its owner can enter, on ports
/// other than the defaults: what a newcomer who clones into root's home and has something on port 8000 goes through.
/// </summary>
public sealed class RunLocalTests(PrivateCheckout checkout) : IClassFixture<PrivateCheckout>
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task From_a_private_checkout_on_other_ports_the_stack_answers_an_mcp_call_and_keeps_its_data_between_runs_and_clones()
    {
        var ports = LocalPorts.Free();
        var connectorName = "Run-local check " + Guid.NewGuid().ToString("N")[..6];
        string apiKey;
        await using (var run = RunLocalProcess.Start(checkout.Root, ports))
        {
            await run.WaitUntilRunningAsync();
            checkout.Owns(Path.GetDirectoryName(run.DataFolder)!);
            if (Environment.UserName == "root") Assert.False(run.DataFolder.StartsWith(checkout.Parent, StringComparison.Ordinal), run.DataFolder);

            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(ports.PortalUrl + "/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(ports.McpUrl + "/readyz")).StatusCode);
            var metadata = JsonDocument.Parse(await Http.GetStringAsync(ports.McpUrl + "/.well-known/oauth-protected-resource")).RootElement;
            Assert.Equal(ports.McpUrl, metadata.GetProperty("resource").GetString());
            // Clients that connect by URL are sent to the portal's own authorization server.
            Assert.Equal([ports.PortalUrl], metadata.GetProperty("authorization_servers").EnumerateArray().Select(s => s.GetString()));
            using var preflight = new HttpRequestMessage(HttpMethod.Options, ports.McpUrl + "/mcp");
            preflight.Headers.Add("Origin", ports.PortalUrl);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            Assert.Equal(ports.PortalUrl, (await Http.SendAsync(preflight)).Headers.GetValues("Access-Control-Allow-Origin").Single());

            using var beta = await PortalSession.SignInAsync(ports.PortalUrl, "beta@autri.test");
            var created = await beta.CreateConnectorAsync(connectorName);
            var setup = await beta.GetAsync($"/connectors/{created.Id}/setup");
            Assert.Equal(ports.McpUrl + "/mcp", setup.Document.QuerySelector("#mcp-endpoint")!.GetAttribute("value"));
            var result = await CallMcpAsync(ports.McpUrl + "/mcp", await beta.MintTokenAsync(created));
            Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetRawText());
            Assert.Equal("revoke connector", result.GetProperty("structuredContent").GetProperty("query").GetString());
            apiKey = (await beta.CreateConnectorAsync(connectorName + " key", "api_key")).Secret;

            // The kept data is kept durably: Postgres's defaults, not the throwaway clusters' fsync=off.
            await using var db = new NpgsqlConnection($"Host=127.0.0.1;Port={ports.Postgres};Username=postgres;Database=autri;Pooling=false");
            await db.OpenAsync();
            foreach (var setting in new[] { "fsync", "synchronous_commit", "full_page_writes" })
            {
                await using var show = new NpgsqlCommand("SHOW " + setting, db);
                Assert.Equal("on", (string?)await show.ExecuteScalarAsync());
            }
            await db.CloseAsync();

            Assert.Equal(143, await run.StopAsync());
            Assert.Contains("Stopped. The database stays in " + run.DataFolder, run.Output);
            await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(ports.PortalUrl + "/readyz"));
            await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(ports.McpUrl + "/readyz"));
        }

        // Cloned again into the same folder: .local/ is gone. As root the cluster is outside the checkout and is found
        // again, so the keys that go with it must be too (a new key-ring key made the portal refuse to start).
        if (Environment.UserName == "root") Directory.Delete(Path.Combine(checkout.Root, ".local"), recursive: true);
        var again = LocalPorts.Free();
        await using (var run = RunLocalProcess.Start(checkout.Root, again))
        {
            await run.WaitUntilRunningAsync();
            using var beta = await PortalSession.SignInAsync(again.PortalUrl, "beta@autri.test");
            Assert.Contains(connectorName, (await beta.GetAsync("/connectors")).Text);
            var result = await CallMcpAsync(again.McpUrl + "/mcp", apiKey);
            Assert.Equal("revoke connector", result.GetProperty("structuredContent").GetProperty("query").GetString());
        }
    }

    [Fact]
    public async Task A_portal_that_cannot_start_shows_why_and_the_run_stops_everything()
    {
        var ports = LocalPorts.Free();
        await using var run = RunLocalProcess.Start(checkout.Root, ports, new Dictionary<string, string> { ["Portal__ContactEmail"] = "not-an-email" });

        var exitCode = await run.WaitForExitAsync();

        checkout.Owns(Path.GetDirectoryName(run.DataFolder)!);
        Assert.True(exitCode != 0, run.Output);
        Assert.Contains("Configuration missing or invalid value for: Portal:ContactEmail", run.Output);
        Assert.Contains("The portal stopped (exit code", run.Output);
        Assert.Contains("Stopped. The database stays in", run.Output);
        Assert.DoesNotContain(RunLocalProcess.RunningBanner, run.Output);
        await using var db = new NpgsqlConnection($"Host=127.0.0.1;Port={ports.Postgres};Username=postgres;Database=autri;Pooling=false;Timeout=5");
        await Assert.ThrowsAsync<NpgsqlException>(() => db.OpenAsync());
    }

    [Fact]
    public async Task With_coordination_the_agent_s_heartbeat_is_recorded_the_fleet_lists_the_deployment_and_the_portal_holds_its_licence()
    {
        var ports = LocalPorts.Free();
        var coordinationUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var run = RunLocalProcess.Start(checkout.Root, ports,
            new Dictionary<string, string> { ["COORDINATION_PORT"] = coordinationUrl[(coordinationUrl.LastIndexOf(':') + 1)..] }, "--with-coordination");

        // The run says it is running only once the service has recorded a heartbeat and the portal holds the licence.
        await run.WaitUntilRunningAsync();
        checkout.Owns(Path.GetDirectoryName(run.DataFolder)!);
        var deployment = Regex.Match(run.Output, @"Coordination agent: deployment ([0-9a-f-]{36})").Groups[1].Value;
        Assert.NotEmpty(deployment);

        await using (var fleetDb = new NpgsqlConnection($"Host=127.0.0.1;Port={ports.Postgres};Username=postgres;Database=autri_coordination;Pooling=false"))
        {
            await fleetDb.OpenAsync();
            await using var heartbeats = new NpgsqlCommand("SELECT count(*) FROM heartbeats WHERE deployment_id = @id", fleetDb);
            heartbeats.Parameters.AddWithValue("id", Guid.Parse(deployment));
            Assert.True((long)(await heartbeats.ExecuteScalarAsync())! >= 1);
        }

        using var fleetRequest = new HttpRequestMessage(HttpMethod.Get, coordinationUrl + "/admin");
        fleetRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:autri-demo-fleet")));
        using var fleet = await Http.SendAsync(fleetRequest);
        Assert.Equal(HttpStatusCode.OK, fleet.StatusCode);
        var fleetPage = await fleet.Content.ReadAsStringAsync();
        Assert.Contains(deployment, fleetPage);
        Assert.Contains("Local stack", fleetPage);

        using var admin = await PortalSession.SignInAsync(ports.PortalUrl, "admin@autri.test");
        var licence = await admin.GetAsync("/admin/licence");
        Assert.Equal("Valid", licence.Document.QuerySelector("h1")!.GetAttribute("data-standing"));
        Assert.Contains(deployment, licence.Text);

        Assert.Equal(143, await run.StopAsync());
        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(coordinationUrl + "/readyz"));
    }

    [Fact]
    public async Task An_unknown_argument_is_refused_with_the_usage_before_anything_starts()
    {
        var ports = LocalPorts.Free();
        await using var run = RunLocalProcess.Start(checkout.Root, ports, null, "--with-coordinaton");

        Assert.Equal(2, await run.WaitForExitAsync());
        Assert.Contains("usage: scripts/run-local.sh [--with-coordination] (unknown argument: --with-coordinaton)", run.Output);
        Assert.DoesNotContain("Starting PostgreSQL", run.Output);
    }

    /// <summary>One stateless Streamable HTTP tools/call (search_documents); the JSON-RPC result.</summary>
    private static async Task<JsonElement> CallMcpAsync(string endpoint, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search_documents","arguments":{"query":"revoke connector"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var data = body.Split('\n').Single(l => l.StartsWith("data:", StringComparison.Ordinal))[5..];
        return JsonDocument.Parse(data).RootElement.GetProperty("result").Clone();
    }
}
