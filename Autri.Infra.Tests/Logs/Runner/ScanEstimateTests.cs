namespace Autri.Infra.Tests.Logs.Runner;

public class ScanEstimateTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void Bytes_per_hour_of_recent_runs_scale_to_the_range_asked_for()
    {
        // Two runs covered 3 hours together and scanned 3 GiB: a 6-hour range scans about 6 GiB, $0.005 per GB.
        var estimate = ScanEstimate.From(3 * ScanCost.BytesPerGb, TimeSpan.FromHours(3), runs: 2, TimeSpan.FromHours(6), 0.005m, Day);

        Assert.True(estimate.Known);
        Assert.Equal(6 * ScanCost.BytesPerGb, estimate.Bytes, precision: 0);
        Assert.Equal(0.03m, decimal.Round(estimate.Cost, 6));
        Assert.Equal(2, estimate.Runs);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    public void Without_runs_that_covered_any_time_there_is_no_estimate(int runs, double rangeHours)
    {
        var estimate = ScanEstimate.From(1000, TimeSpan.FromHours(rangeHours), runs, TimeSpan.FromHours(1), 0.005m, Day);

        Assert.False(estimate.Known);
        Assert.Equal(0m, estimate.Cost);
    }
}
