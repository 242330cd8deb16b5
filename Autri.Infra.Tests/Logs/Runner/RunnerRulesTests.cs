namespace Autri.Infra.Tests.Logs.Runner;

/// <summary>The runner's pure rules: windows, reuse key, poll intervals, backoff, cost, group mapping.</summary>
public class RunnerRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 30, 500, TimeSpan.Zero);

    [Fact]
    public void A_relative_range_ends_at_the_next_whole_minute_and_keeps_its_length()
    {
        var (start, end) = RunWindow.Relative(TimeSpan.FromHours(1), Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 1, 0, TimeSpan.Zero), end);
        Assert.Equal(TimeSpan.FromHours(1), end - start);
        Assert.Equal(RunWindow.Relative(TimeSpan.FromHours(1), Now.AddSeconds(29)), (start, end));
    }

    [Fact]
    public void An_absolute_range_widens_to_whole_minutes_and_rounding_twice_changes_nothing()
    {
        var once = RunWindow.Absolute(Now.AddMinutes(-90), Now);

        Assert.Equal((new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 10, 1, 0, TimeSpan.Zero)), once);
        Assert.Equal(once, RunWindow.Absolute(once.Start, once.End));
    }

    [Fact]
    public void The_reuse_key_ignores_group_order_and_line_endings_but_not_the_query_or_window()
    {
        var key = RunKey.Of("fields a\n| limit 1", ["portal", "mcp"], Now, Now.AddHours(1));

        Assert.Equal(key, RunKey.Of("fields a\r\n| limit 1\n", ["mcp", "portal", "mcp"], Now, Now.AddHours(1)));
        Assert.NotEqual(key, RunKey.Of("fields a\n| limit 2", ["portal", "mcp"], Now, Now.AddHours(1)));
        Assert.NotEqual(key, RunKey.Of("fields a\n| limit 1", ["portal"], Now, Now.AddHours(1)));
        Assert.NotEqual(key, RunKey.Of("fields a\n| limit 1", ["portal", "mcp"], Now, Now.AddHours(2)));
        Assert.Equal(64, key.Length);
    }

    [Fact]
    public void Polling_starts_near_100_ms_and_grows_by_half_up_to_one_second()
    {
        var schedule = new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        var intervals = Enumerable.Range(0, 9).Select(_ => (int)schedule.Next().TotalMilliseconds).ToList();

        Assert.Equal([100, 150, 225, 337, 506, 759, 1000, 1000, 1000], intervals);
    }

    [Fact]
    public void Start_backoff_doubles_with_jitter_between_half_and_all_of_the_step_and_is_capped()
    {
        var random = new Random(7);
        var baseDelay = TimeSpan.FromMilliseconds(250);
        var max = TimeSpan.FromSeconds(5);

        for (var attempt = 0; attempt < 12; attempt++)
        {
            var step = Math.Min(250 * Math.Pow(2, attempt), 5000);
            var delays = Enumerable.Range(0, 50).Select(_ => StartBackoff.Delay(attempt, baseDelay, max, random).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, step / 2, step));
            Assert.True(delays.Distinct().Count() > 1, "jitter spreads the waits");
        }
    }

    [Fact]
    public void The_scan_cost_is_bytes_in_GiB_times_the_price()
    {
        Assert.Equal(0.005m, ScanCost.Estimate(1024d * 1024 * 1024, 0.005m));
        Assert.Equal(0.0025m, ScanCost.Estimate(512d * 1024 * 1024, 0.005m));
        Assert.Equal(0m, ScanCost.Estimate(0, 0.005m));
    }

    [Fact]
    public void Ranges_longer_than_the_maximum_need_confirmation()
    {
        Assert.False(RangePolicy.NeedsConfirmation(Now.AddDays(-31), Now, 31));
        Assert.True(RangePolicy.NeedsConfirmation(Now.AddDays(-31).AddMinutes(-1), Now, 31));
    }

    [Fact]
    public void Logical_groups_map_to_configured_names_and_in_AWS_mode_an_unmapped_one_names_its_key()
    {
        var aws = new LogGroupMap(new Dictionary<string, string> { ["portal"] = "/autri/beta/portal", ["mcp"] = "/aws/agentcore/a, /autri/beta/mcp" }, localNames: false);
        var local = new LogGroupMap(new Dictionary<string, string>(), localNames: true);

        Assert.Equal(["/autri/beta/portal", "/aws/agentcore/a", "/autri/beta/mcp"], aws.Resolve(["portal", "mcp", "portal"]));
        var missing = Assert.Throws<LogsQueryException>(() => aws.Resolve(["triggers"]));
        Assert.Contains("Logs:Groups:triggers", missing.Message);
        Assert.Equal(["portal", "mcp"], local.Resolve(["portal", "mcp"]));
        Assert.Throws<LogsQueryException>(() => local.Resolve(["../etc/passwd"]));
        Assert.Equal(["portal", "mcp", "triggers"], local.Logical);
    }

    [Fact]
    public void Backend_names_map_back_to_the_logical_groups_that_cover_them()
    {
        var aws = new LogGroupMap(new Dictionary<string, string> { ["portal"] = "/autri/beta/portal", ["mcp"] = "/aws/agentcore/a, /autri/beta/mcp" }, localNames: false);
        var local = new LogGroupMap(new Dictionary<string, string>(), localNames: true);

        Assert.Equal(["portal", "mcp"], aws.LogicalOf(aws.Resolve(["portal", "mcp"])));
        Assert.Equal(["portal"], aws.LogicalOf(["/autri/beta/portal", "/aws/agentcore/a"]));
        Assert.Equal(["portal", "t1"], local.LogicalOf(["portal", "t1"]));
    }
}
