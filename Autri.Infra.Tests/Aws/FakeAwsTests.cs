namespace Autri.Infra.Tests.Aws;

/// <summary>
/// Tests of one AWS client against a fake of its own: xUnit makes an instance per test, so each test starts from
/// an empty fake (with what <see cref="Seed"/> adds), stopped after the test however it ends.
/// </summary>
public abstract class FakeAwsTests<TClient>(AwsService service, Func<AwsJsonClient, TClient> create) : IAsyncLifetime
{
    protected FakeAws Aws { get; private set; } = null!;

    protected TClient Client { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Aws = await FakeAws.StartAsync();
        Seed(Aws.Server);
        Client = create(Aws.Client(service));
    }

    public async Task DisposeAsync() => await Aws.DisposeAsync();

    /// <summary>What every test of the class starts from: a user pool, a log group, ….</summary>
    protected virtual void Seed(AwsFakeServer server)
    {
    }
}
