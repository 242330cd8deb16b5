namespace Autri.Domain.Tests.Costs;

public class CachePolicyTests
{
    private static readonly CachePolicy Policy = new(TimeSpan.FromHours(6), TimeSpan.FromMinutes(15));
    private static readonly DateTimeOffset Noon = new(2025, 3, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Data_younger_than_the_ttl_is_served_without_asking_AWS()
    {
        Assert.False(Policy.MustFetch(Noon.AddHours(-5.9), null, Noon));
        Assert.True(Policy.MustFetch(Noon.AddHours(-6), null, Noon));
        Assert.True(Policy.MustFetch(null, null, Noon));
    }

    [Fact]
    public void After_a_failure_AWS_is_not_asked_again_for_the_refresh_interval()
    {
        Assert.False(Policy.MustFetch(Noon.AddHours(-7), Noon.AddMinutes(-14), Noon));
        Assert.False(Policy.MustFetch(null, Noon.AddMinutes(-1), Noon));
        Assert.True(Policy.MustFetch(Noon.AddHours(-7), Noon.AddMinutes(-15), Noon));
    }

    [Fact]
    public void A_manual_refresh_is_allowed_fifteen_minutes_after_the_last_attempt_good_or_failed()
    {
        Assert.True(Policy.CanRefreshManually(null, null, Noon));
        Assert.False(Policy.CanRefreshManually(Noon.AddMinutes(-10), null, Noon));
        Assert.Equal(Noon.AddMinutes(5), Policy.NextManualRefresh(Noon.AddMinutes(-10), null));
        Assert.False(Policy.CanRefreshManually(Noon.AddHours(-2), Noon.AddMinutes(-3), Noon));
        Assert.Equal(Noon.AddMinutes(12), Policy.NextManualRefresh(Noon.AddHours(-2), Noon.AddMinutes(-3)));
        Assert.True(Policy.CanRefreshManually(Noon.AddMinutes(-15), null, Noon));
    }
}
