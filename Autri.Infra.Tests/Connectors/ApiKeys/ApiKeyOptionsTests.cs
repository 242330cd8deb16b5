namespace Autri.Infra.Tests.Connectors.ApiKeys;

public class ApiKeyOptionsTests
{
    private static readonly string GoodPepper = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static ApiKeyOptions Valid() => new() { Peppers = { ["1"] = GoodPepper }, CurrentPepperVersion = 1 };

    [Fact]
    public void Good_options_pass()
    {
        Assert.Empty(ApiKeyOptionsValidator.Check(Valid()));
    }

    [Fact]
    public void A_missing_current_version_is_named()
    {
        var o = Valid();
        o.CurrentPepperVersion = null;

        Assert.Equal(["Configuration missing value for: ApiKeys:CurrentPepperVersion"], ApiKeyOptionsValidator.Check(o));
    }

    [Fact]
    public void A_current_version_without_its_pepper_is_named()
    {
        var o = Valid();
        o.CurrentPepperVersion = 2;

        Assert.Equal(["Configuration missing value for: ApiKeys:Peppers:2"], ApiKeyOptionsValidator.Check(o));
    }

    [Theory]
    [InlineData("c2hvcnQ=")]  // "short": 5 bytes
    [InlineData("not base64!")]
    [InlineData("")]
    public void A_weak_or_garbled_pepper_is_refused_without_echoing_it(string pepper)
    {
        var o = Valid();
        o.Peppers["1"] = pepper;

        var error = Assert.Single(ApiKeyOptionsValidator.Check(o));
        Assert.StartsWith("Configuration value ApiKeys:Peppers:1 must be base64 of at least 32", error);
        if (pepper.Length > 0) Assert.DoesNotContain(pepper, error);
    }

    [Fact]
    public void A_version_that_is_not_a_positive_integer_is_refused()
    {
        var o = Valid();
        o.Peppers["v2"] = GoodPepper;

        Assert.Contains("Configuration key ApiKeys:Peppers:v2 must be a positive integer version, like ApiKeys:Peppers:1", ApiKeyOptionsValidator.Check(o));
    }

    [Theory]
    [InlineData(31, 5)]
    [InlineData(-1, 0)]
    [InlineData(10, 11)]
    public void Cache_lifetimes_beyond_the_revocation_bound_are_refused(int cacheSeconds, int negativeSeconds)
    {
        var o = Valid();
        o.CacheSeconds = cacheSeconds;
        o.NegativeCacheSeconds = negativeSeconds;

        Assert.NotEmpty(ApiKeyOptionsValidator.Check(o));
    }

    [Fact]
    public void The_hasher_refuses_invalid_options_with_the_same_messages()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ApiKeyHasher(new ApiKeyOptions()));

        Assert.Contains("Configuration missing value for: ApiKeys:CurrentPepperVersion", error.Message);
    }

    [Fact]
    public void The_hasher_tries_the_current_version_first()
    {
        var o = Valid();
        o.Peppers["2"] = GoodPepper;
        o.Peppers["3"] = GoodPepper;
        o.CurrentPepperVersion = 2;

        Assert.Equal([2, 3, 1], new ApiKeyHasher(o).Versions);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_000_001)]
    public void A_replica_size_out_of_range_is_refused_naming_the_key(int maxKeys)
    {
        var o = Valid();
        o.ReplicaMaxKeys = maxKeys;

        Assert.Equal(["Configuration value ApiKeys:ReplicaMaxKeys must be 0..10000000 (0 turns the in-memory replica off)"], ApiKeyOptionsValidator.Check(o));
    }

    [Fact]
    public void Zero_turns_the_replica_off_and_so_does_a_cache_lifetime_of_zero()
    {
        var off = Valid();
        off.ReplicaMaxKeys = 0;
        var noCache = Valid();
        noCache.CacheSeconds = 0;
        noCache.NegativeCacheSeconds = 0;

        Assert.Empty(ApiKeyOptionsValidator.Check(off));
        Assert.False(new ApiKeyReplica(off, TimeProvider.System).Enabled);
        Assert.False(new ApiKeyReplica(noCache, TimeProvider.System).Enabled);
        Assert.True(new ApiKeyReplica(Valid(), TimeProvider.System).Enabled);
    }
}
