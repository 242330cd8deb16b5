using AngleSharp.Html.Parser;

namespace Autri.Coordination.Tests.Fleet;

[Collection(CoordinationCollection.Name)]
public sealed class FleetPageTests(CoordinationHost service)
{
    [Fact]
    public async Task Without_a_fleet_account_the_page_asks_for_basic_credentials_and_shows_nothing()
    {
        var (id, _) = await service.RegisterAsync(customer: "secret-customer");
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.Url) };
        using var wrong = service.AdminClient(password: "not-the-password");

        var none = await anonymous.GetAsync("/admin");
        var refused = await wrong.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Basic", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain(id.ToString(), await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_lists_each_deployment_with_its_heartbeat_versions_health_and_licence_and_highlights_stale_ones()
    {
        var (fresh, freshCredential) = await service.RegisterAsync(DateTimeOffset.UtcNow.AddDays(200), customer: "fleet-fresh", label: "Fresh production");
        var (stale, staleCredential) = await service.RegisterAsync(DateTimeOffset.UtcNow.AddDays(-3), customer: "fleet-stale");
        var (silent, _) = await service.RegisterAsync(customer: "fleet-silent");
        foreach (var (id, credential) in new[] { (fresh, freshCredential), (stale, staleCredential) })
        {
            using var agent = service.AgentClient(credential);
            var heartbeat = CoordinationHost.HeartbeatFor(id) with { Mcp = new AppReport(AppHealth.Unreachable, null) };
            var sent = await agent.PostAsync($"/v1/deployments/{id}/heartbeats", System.Net.Http.Json.JsonContent.Create(heartbeat, options: CoordinationJson.Options));
            Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
        }
        await service.CountAsync("UPDATE deployments SET last_heartbeat_at = now() - interval '2 hours' WHERE id = @stale RETURNING 1", new { stale });
        using var admin = service.AdminClient();

        var response = await admin.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var row = (Guid id) => doc.QuerySelector($"tr[data-deployment='{id}']") ?? throw new InvalidOperationException($"no row for {id}");

        Assert.Equal("Deployments, stale ones first", doc.QuerySelector("table > caption")!.TextContent);
        Assert.Equal(7, doc.QuerySelectorAll("thead th[scope=col]").Length);
        Assert.Contains("Fresh production", row(fresh).QuerySelector("th[scope=row]")!.TextContent);
        Assert.DoesNotContain("stale", row(fresh).ClassList);
        var freshCells = row(fresh).QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Contains("1.4.0", freshCells[1]);                    // portal version
        Assert.Contains("unreachable", freshCells[2]);              // MCP health
        Assert.Contains("0011_oauth_server.sql", freshCells[3]);    // last migration
        Assert.Contains("valid", freshCells[4]);

        Assert.Contains("stale", row(stale).ClassList);
        Assert.Contains("Stale", row(stale).TextContent);
        Assert.Contains("expired, in grace period", row(stale).TextContent);
        Assert.Contains("stale", row(silent).ClassList);
        Assert.Contains("never", row(silent).TextContent);
    }
}
