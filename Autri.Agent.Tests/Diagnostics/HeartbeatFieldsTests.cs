namespace Autri.Agent.Tests.Diagnostics;

/// <summary>
/// The operator documentation lists every field a heartbeat can carry: a field added to the records without a line in
/// docs/operators/customer-managed.md fails here, so customers always know exactly what leaves their account.
/// </summary>
public sealed class HeartbeatFieldsTests
{
    [Fact]
    public void A_heartbeat_with_every_part_filled_has_exactly_the_documented_fields()
    {
        var now = DateTimeOffset.UtcNow;
        var full = new Heartbeat(Guid.NewGuid(), now, new AppReport(AppHealth.Ready, "1.2.3"), new AppReport(AppHealth.NotReady, "1.2.3"),
            new DatabaseReport(AppHealth.Ready, "0001_initial.sql", now), new UsageCounts(1, 2, 3), new CatchUp(4, now, now, 1, 1, 1));

        var fields = NothingLeavesTests.Paths(JsonSerializer.SerializeToElement(full, CoordinationJson.Options), "").ToHashSet();

        Assert.Equal(NothingLeavesTests.AllowedFields.Order(), fields.Order());
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "operators", "customer-managed.md"));
        var leaves = fields.Where(f => !fields.Any(other => other.StartsWith(f + ".", StringComparison.Ordinal)));
        Assert.All(leaves, f => Assert.Contains($"`{f}`", doc));
    }
}
