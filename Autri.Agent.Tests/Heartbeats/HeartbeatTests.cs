namespace Autri.Agent.Tests.Heartbeats;

/// <summary>The built agent as a process against a real portal, MCP server and coordination service.</summary>
[Collection(AgentCollection.Name)]
public sealed class HeartbeatTests(AgentWorld world)
{
    [Fact]
    public async Task The_agent_sends_heartbeats_the_service_records_with_health_versions_last_migration_and_counts()
    {
        var deployment = await world.IssueAsync();
        await ContentMarker.SeedAsync(world.ProductDb, ContentMarker.New());
        world.StartAgent(world.AgentSettings(deployment));

        var heartbeats = await AgentWait.ValueAsync(() => world.HeartbeatsAsync(deployment.Id), h => h.Count >= 2, "two heartbeats");

        var h = heartbeats[^1];
        Assert.Equal(deployment.Id, h.DeploymentId);
        Assert.Equal(new AppReport(AppHealth.Ready, HeartbeatRules.NormalizeVersion(Autri.Portal.Features.Admin.HealthReport.Version)), h.Portal);
        Assert.Equal(AppHealth.Ready, h.Mcp.Health);
        Assert.NotNull(h.Mcp.Version);
        Assert.Equal(AppHealth.Ready, h.Database.Health);
        Assert.Equal(Migrator.Embedded[^1].Name, h.Database.LastMigration);
        Assert.True(h.Counts!.Users >= 1);
        Assert.Null(h.CatchUp);
        Assert.True(await world.ProductCountAsync("SELECT count(*) FROM agent_health_history WHERE delivered") >= 2,
            "the portal keeps what the agent observed as the health history");
    }

    [Fact]
    public async Task With_counts_turned_off_heartbeats_carry_none()
    {
        var deployment = await world.IssueAsync();
        var settings = world.AgentSettings(deployment);
        settings["Agent__SendCounts"] = "false";
        world.StartAgent(settings);

        var heartbeats = await AgentWait.ValueAsync(() => world.HeartbeatsAsync(deployment.Id), h => h.Count >= 1, "a heartbeat");

        Assert.All(heartbeats, h => Assert.Null(h.Counts));
        Assert.Equal(AppHealth.Ready, heartbeats[0].Portal.Health);
    }

    [Fact]
    public async Task While_the_service_is_down_the_agent_backs_off_keeps_running_and_catches_up_with_one_summary()
    {
        var deployment = await world.IssueAsync();
        var agent = world.StartAgent(world.AgentSettings(deployment));
        await AgentWait.ValueAsync(() => world.HeartbeatsAsync(deployment.Id), h => h.Count >= 1, "a first heartbeat");

        await world.Coordination.StopAsync();
        try
        {
            // Three failed tries, each logged with the jittered, growing wait before the next.
            var retries = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var seen = retries.Count;
                retries.Add(await agent.WaitForLineAsync(l => AgentWait.Event("heartbeat_retry")(l) && !retries.Contains(l), AgentWait.Deadline, $"retry {seen + 1}"));
            }
            Assert.False(agent.HasExited, "the agent keeps running while the service is down");
            var delays = retries.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("delay_ms").GetInt64()).ToList();
            Assert.All(delays, d => Assert.InRange(d, 100, 2000)); // BackoffInitial/2 … BackoffMax, never the 1 s interval's fixed rhythm only
            Assert.True(delays[2] >= 400, $"the third wait is at least half of 4 × 200 ms: {string.Join(", ", delays)}");
        }
        finally
        {
            await world.Coordination.StartAgainAsync();
        }

        await agent.WaitForLineAsync(AgentWait.Event("heartbeat_caught_up"), AgentWait.Deadline, "the catch-up");
        var heartbeats = await AgentWait.ValueAsync(() => world.HeartbeatsAsync(deployment.Id), h => h.Any(x => x.CatchUp is not null), "the summary");
        var summary = Assert.Single(heartbeats, h => h.CatchUp is not null).CatchUp!;
        Assert.True(summary.Missed >= 3, $"missed {summary.Missed}");
        Assert.True(summary.Until >= summary.Since);
        Assert.False(agent.HasExited);
    }
}
