namespace Autri.Infra.Tests.Costs;

public class AddAwsCostReportsTests
{
    private static IOptions<CostsOptions> Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAwsCostReports(configuration).BuildServiceProvider().GetRequiredService<IOptions<CostsOptions>>();
    }

    [Fact]
    public void Defaults_are_six_hours_of_cache_and_fifteen_minutes_between_refreshes()
    {
        var policy = Options([]).Value.Policy;

        Assert.Equal(TimeSpan.FromHours(6), policy.Ttl);
        Assert.Equal(TimeSpan.FromMinutes(15), policy.MinRefreshInterval);
    }

    [Fact]
    public void Configured_values_are_used_and_out_of_range_ones_are_refused_naming_the_key()
    {
        Assert.Equal(TimeSpan.FromHours(2), Options(new() { ["Costs:CacheHours"] = "2" }).Value.Policy.Ttl);

        var error = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Costs:MinRefreshMinutes"] = "0" }).Value);
        Assert.Contains("MinRefreshMinutes", error.Message);
    }
}
