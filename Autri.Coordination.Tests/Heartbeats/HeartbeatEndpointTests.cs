using System.Text.Json;
using System.Text.Json.Nodes;
using Autri.Coordination.Heartbeats;

namespace Autri.Coordination.Tests.Heartbeats;

[Collection(CoordinationCollection.Name)]
public sealed class HeartbeatEndpointTests(CoordinationHost service)
{
    private static StringContent Json(object body) =>
        new(body as string ?? JsonSerializer.Serialize(body, CoordinationJson.Options), Encoding.UTF8, "application/json");

    private static string Path(Guid id) => $"/v1/deployments/{id}/heartbeats";

    [Fact]
    public async Task A_heartbeat_with_the_deployment_credential_is_recorded_as_its_latest()
    {
        var (id, credential) = await service.RegisterAsync();
        using var agent = service.AgentClient(credential);
        var heartbeat = CoordinationHost.HeartbeatFor(id);

        var response = await agent.PostAsync(Path(id), Json(heartbeat));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, await service.CountAsync("SELECT count(*) FROM heartbeats WHERE deployment_id = @id", new { id }));
        Assert.Equal(1, await service.CountAsync("SELECT count(*) FROM deployments WHERE id = @id AND last_heartbeat_at IS NOT NULL AND last_heartbeat->'portal'->>'version' = '1.4.0'", new { id }));
    }

    [Fact]
    public async Task A_wrong_credential_an_unknown_deployment_or_none_at_all_gets_401_and_nothing_is_stored()
    {
        var (id, _) = await service.RegisterAsync();
        var (_, otherCredential) = await service.RegisterAsync();
        var body = CoordinationHost.HeartbeatFor(id);

        using var wrong = service.AgentClient(otherCredential);
        using var none = new HttpClient { BaseAddress = new Uri(service.Url) };
        var unknown = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync(Path(id), Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.PostAsync(Path(id), Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync(Path(unknown), Json(body with { DeploymentId = unknown }))).StatusCode);
        Assert.Equal(0, await service.CountAsync("SELECT count(*) FROM heartbeats WHERE deployment_id = @id", new { id }));
    }

    [Fact]
    public async Task A_member_outside_the_allow_list_is_refused_and_nothing_is_stored()
    {
        var (id, credential) = await service.RegisterAsync();
        using var agent = service.AgentClient(credential);
        var json = JsonNode.Parse(JsonSerializer.Serialize(CoordinationHost.HeartbeatFor(id), CoordinationJson.Options))!;
        json["counts"]!["top_user_email"] = "someone@example.com";

        var response = await agent.PostAsync(Path(id), Json(json.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("counts", text);
        Assert.DoesNotContain("someone@example.com", text);
        Assert.Equal(0, await service.CountAsync("SELECT count(*) FROM heartbeats WHERE deployment_id = @id", new { id }));
    }

    [Fact]
    public async Task A_version_or_migration_that_could_carry_text_is_refused()
    {
        var (id, credential) = await service.RegisterAsync();
        using var agent = service.AgentClient(credential);
        var good = CoordinationHost.HeartbeatFor(id);

        var badVersion = await agent.PostAsync(Path(id), Json(good with { Portal = new AppReport(AppHealth.Ready, "1.4.0 quarterly board minutes") }));
        var badMigration = await agent.PostAsync(Path(id), Json(good with { Database = good.Database with { LastMigration = "salaries.xlsx" } }));
        var missingPart = await agent.PostAsync(Path(id), Json("""{"deployment_id":"%ID%","sent_at":"2025-01-01T00:00:00Z"}""".Replace("%ID%", id.ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMigration.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingPart.StatusCode);
        Assert.Equal(0, await service.CountAsync("SELECT count(*) FROM heartbeats WHERE deployment_id = @id", new { id }));
    }

    [Fact]
    public async Task A_heartbeat_naming_another_deployment_is_refused()
    {
        var (id, credential) = await service.RegisterAsync();
        var (other, _) = await service.RegisterAsync();
        using var agent = service.AgentClient(credential);

        var response = await agent.PostAsync(Path(id), Json(CoordinationHost.HeartbeatFor(other)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await service.CountAsync("SELECT count(*) FROM heartbeats WHERE deployment_id IN (@id, @other)", new { id, other }));
    }

    [Fact]
    public async Task A_catch_up_summary_is_stored_with_the_heartbeat_that_carries_it()
    {
        var (id, credential) = await service.RegisterAsync();
        using var agent = service.AgentClient(credential);
        var since = DateTimeOffset.UtcNow.AddMinutes(-40);
        var heartbeat = CoordinationHost.HeartbeatFor(id, new CatchUp(8, since, since.AddMinutes(35), 0, 3, 0));

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync(Path(id), Json(heartbeat))).StatusCode);

        var stored = Assert.Single(await service.Services.GetRequiredService<HeartbeatStore>().RecentAsync(id, 10, default));
        Assert.Equal(8, stored.CatchUp!.Missed);
        Assert.Equal(3, stored.CatchUp.McpUnhealthy);
    }
}
