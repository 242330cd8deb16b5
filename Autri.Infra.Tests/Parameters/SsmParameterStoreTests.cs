namespace Autri.Infra.Tests.Parameters;

public sealed class SsmParameterStoreTests : ParameterStoreContract
{
    private FakeAws _aws = null!;

    protected override async Task<IParameterStore> CreateStoreAsync()
    {
        _aws = await FakeAws.StartAsync();
        return new SsmParameterStore(new SsmClient(_aws.Client(AwsService.Ssm)));
    }

    protected override async Task DisposeStoreAsync() => await _aws.DisposeAsync();

    [Fact]
    public async Task Listings_never_ask_ssm_to_decrypt()
    {
        await Store.PutAsync(new PutParameter("/sec/a", "s", ParameterType.SecureString, false));

        await Store.GetByPathAsync("/sec", true, null);
        await Store.GetHistoryAsync("/sec/a");

        var listings = _aws.Server.Calls.Where(c => c.Operation is "GetParametersByPath" or "GetParameterHistory").ToList();
        Assert.Equal(2, listings.Count);
        Assert.All(listings, c => Assert.False(c.Body.GetProperty("WithDecryption").GetBoolean()));
    }

    [Fact]
    public async Task Throttling_from_ssm_is_retried_and_a_lasting_one_keeps_its_code()
    {
        _aws.Server.Failures.Enqueue("AmazonSSM.GetParameter", "ThrottlingException", 400, count: 10, message: "Rate exceeded");

        var error = await Assert.ThrowsAsync<ParameterStoreException>(() => Store.GetAsync("/x"));

        Assert.Equal("ThrottlingException", error.Code);
        Assert.IsType<AwsServiceException>(error.InnerException);
        Assert.Equal(4, _aws.Server.Calls.Count);
    }
}
