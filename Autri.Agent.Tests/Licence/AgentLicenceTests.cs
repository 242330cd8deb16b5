using System.Net.Http.Json;

namespace Autri.Agent.Tests.Licence;

[Collection(AgentCollection.Name)]
public sealed class AgentLicenceTests(AgentWorld world)
{
    [Fact]
    public async Task The_agent_hands_its_licence_to_the_portal_which_shows_the_standing_and_past_grace_nothing_stops()
    {
        var deployment = await world.IssueAsync(DateTimeOffset.UtcNow.AddDays(-30), graceDays: 14);
        var agent = world.StartAgent(world.AgentSettings(deployment));

        var started = await agent.WaitForLineAsync(AgentWait.Event("agent_started"), AgentWait.Deadline, "the start line");
        var licence = world.Portal.Services.GetRequiredService<InstalledLicence>();
        var status = await AgentWait.ValueAsync(async () =>
        {
            licence.Invalidate();
            return await licence.StatusAsync(CancellationToken.None);
        }, s => s.Claims?.DeploymentId == deployment.Id, "the portal to hold the agent's licence");

        Assert.Contains("\"level\":\"warn\"", started);
        Assert.Contains("PastGrace", started);
        Assert.Equal(LicenceStanding.PastGrace, status.Standing);
        // The agent goes on reporting, and the MCP server (which never reads the licence) goes on serving.
        var heartbeats = await AgentWait.ValueAsync(() => world.HeartbeatsAsync(deployment.Id), h => h.Count >= 1, "a heartbeat");
        Assert.Equal(AppHealth.Ready, heartbeats[^1].Mcp.Health);
        using var http = new HttpClient();
        Assert.True((await http.GetAsync(world.McpUrl + "/readyz")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_licence_the_vendor_did_not_sign_stops_the_agent_at_start_naming_the_setting()
    {
        var deployment = await world.IssueAsync();
        using var otherKey = new ThrowawayVendorKey();
        var forged = LicenceDocument.Sign(new LicenceClaims("acme", deployment.Id, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(5),
            TimeSpan.FromDays(14), 1000, []), otherKey.Private);
        var settings = world.AgentSettings(deployment);
        settings["Agent__Licence"] = forged;

        var agent = world.StartAgent(settings);
        var code = await agent.WaitForExitAsync(AgentWait.Deadline);

        Assert.NotEqual(0, code);
        Assert.Contains(agent.Lines, l => l.Contains("Agent:Licence", StringComparison.Ordinal) && l.Contains("signature does not verify", StringComparison.Ordinal));
        Assert.Empty(await world.HeartbeatsAsync(deployment.Id));
    }

    [Fact]
    public async Task A_wrong_deployment_credential_is_refused_by_the_service_and_the_agent_keeps_trying()
    {
        var deployment = await world.IssueAsync();
        var other = await world.IssueAsync();
        var settings = world.AgentSettings(deployment);
        settings["Agent__DeploymentCredential"] = other.Credential;

        var agent = world.StartAgent(settings);
        await agent.WaitForLineAsync(l => AgentWait.Event("heartbeat_failed")(l) && l.Contains("401", StringComparison.Ordinal), AgentWait.Deadline, "the refusal");
        await agent.WaitForLineAsync(AgentWait.Event("heartbeat_retry"), AgentWait.Deadline, "a retry");

        Assert.False(agent.HasExited);
        Assert.Empty(await world.HeartbeatsAsync(deployment.Id));
    }
}
