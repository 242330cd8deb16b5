using Autri.Infra.Diagnostics;
using Autri.Portal.Features.Diagnostics;

namespace Autri.Agent.Tests.Diagnostics;

/// <summary>
/// A marker seeded into people, documents, queries and log lines never appears in anything the agent sends: every
/// byte of every request to the vendor passes a recording proxy, and the heartbeats hold only allow-listed fields.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed class NothingLeavesTests(AgentWorld world)
{
    /// <summary>The heartbeat's fields, as docs/operators/customer-managed.md lists them.</summary>
    internal static readonly string[] AllowedFields =
    [
        "deployment_id", "sent_at",
        "portal", "portal.health", "portal.version",
        "mcp", "mcp.health", "mcp.version",
        "database", "database.health", "database.last_migration", "database.last_migration_at",
        "counts", "counts.users", "counts.connectors", "counts.tool_calls_last_day",
        "catch_up", "catch_up.missed", "catch_up.since", "catch_up.until", "catch_up.portal_unhealthy", "catch_up.mcp_unhealthy", "catch_up.database_unhealthy",
    ];

    [Fact]
    public async Task A_marker_in_users_documents_queries_and_log_lines_never_reaches_the_vendor_in_heartbeats_or_a_diagnostics_bundle()
    {
        var marker = ContentMarker.New();
        await ContentMarker.SeedAsync(world.ProductDb, marker);
        world.Portal.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Autri.Portal.Search")
            .LogError(new EventId(998, "search_failed"), new InvalidOperationException(marker), "Search for {query} by {email} failed", marker, marker + "@customer.example.test");
        Guid bundle;
        using (var scope = world.Portal.Services.CreateScope())
        {
            var content = await scope.ServiceProvider.GetRequiredService<DiagnosticsBundleBuilder>().BuildAsync(CancellationToken.None);
            var bundles = scope.ServiceProvider.GetRequiredService<DiagnosticsBundles>();
            bundle = await bundles.SaveAsync(null, content, CancellationToken.None);
            Assert.True(await bundles.RequestUploadAsync(bundle, CancellationToken.None));
        }
        var deployment = await world.IssueAsync();
        await using var proxy = await RecordingProxy.StartAsync(world.Coordination.Url);
        world.StartAgent(world.AgentSettings(deployment, coordinationUrl: proxy.Url));

        await AgentWait.TrueAsync(async () => await world.ProductCountAsync("SELECT count(*) FROM diagnostics_bundles WHERE id = @bundle AND uploaded_at IS NOT NULL", new { bundle }) == 1,
            "the bundle to be uploaded");
        await AgentWait.ValueAsync(() => world.HeartbeatsAsync(deployment.Id), h => h.Count >= 3, "three heartbeats");

        var sent = proxy.Requests;
        Assert.Contains(sent, r => r.PathAndQuery.EndsWith("/heartbeats", StringComparison.Ordinal));
        Assert.Contains(sent, r => r.PathAndQuery.EndsWith("/diagnostics", StringComparison.Ordinal));
        Assert.Contains(sent, r => r.PathAndQuery.Contains("/manifests/stable", StringComparison.Ordinal));
        foreach (var request in sent)
            Assert.False(ContentMarker.IsIn(marker, request.Everything), $"the marker left in {request.Method} {request.PathAndQuery}");
        var upload = Assert.Single(sent, r => r.PathAndQuery.EndsWith("/diagnostics", StringComparison.Ordinal));
        Assert.Contains("Search for {query} by {email} failed", upload.BodyText);
        foreach (var heartbeat in sent.Where(r => r.PathAndQuery.EndsWith("/heartbeats", StringComparison.Ordinal)))
        {
            var fields = Paths(JsonDocument.Parse(heartbeat.Body).RootElement, "").ToList();
            Assert.Empty(fields.Except(AllowedFields));
        }
        await using var vendor = await world.CoordinationDb.OpenConnectionAsync();
        var stored = string.Join('\n', await vendor.QueryAsync<string>(
            "SELECT body::text FROM heartbeats UNION ALL SELECT bundle::text FROM diagnostics_uploads UNION ALL SELECT row_to_json(d)::text FROM deployments d"));
        Assert.False(ContentMarker.IsIn(marker, stored), "the marker is in the vendor's database");
    }

    internal static IEnumerable<string> Paths(JsonElement e, string prefix)
    {
        if (e.ValueKind != JsonValueKind.Object) yield break;
        foreach (var p in e.EnumerateObject())
        {
            var path = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
            yield return path;
            foreach (var child in Paths(p.Value, path)) yield return child;
        }
    }
}
