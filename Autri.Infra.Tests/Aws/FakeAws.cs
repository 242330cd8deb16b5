namespace Autri.Infra.Tests.Aws;

/// <summary>A started AWS fake of its own for one test, and clients pointed at it with the fake's test keys.</summary>
public sealed class FakeAws : IAsyncDisposable
{
    public const string Region = "eu-west-3";

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private FakeAws(AwsFakeServer server) => Server = server;

    public AwsFakeServer Server { get; }

    public static async Task<FakeAws> StartAsync()
    {
        var server = new AwsFakeServer(RepoPaths.AwsModels, Region);
        await server.StartAsync();
        return new FakeAws(server);
    }

    /// <summary>A client with tiny retry delays so retry tests take milliseconds, not seconds.</summary>
    public AwsJsonClient Client(AwsService service, int maxAttempts = 4, TimeSpan? timeout = null, IAwsCredentialsSource? credentials = null) =>
        new(AwsClientSettings.For(service, Region, Server.BaseUrl) with
        {
            MaxAttempts = maxAttempts,
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        }, _http, credentials ?? new StaticAwsCredentials(AwsFakeServer.AccessKeyId, AwsFakeServer.SecretAccessKey));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
