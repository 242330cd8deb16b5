using Amazon.Runtime.Credentials;

namespace Autri.Infra.Aws;

/// <summary>Where the AWS clients get credentials to sign with.</summary>
public interface IAwsCredentialsSource
{
    ValueTask<AWSCredentials> GetAsync(CancellationToken ct);
}

/// <summary>
/// AWSSDK.Core's default chain (environment, profile, web identity, ECS container, EC2 instance metadata),
/// resolved once; the credentials object it returns refreshes itself when temporary.
/// </summary>
public sealed class DefaultChainAwsCredentials : IAwsCredentialsSource, IDisposable
{
    private readonly DefaultAWSCredentialsIdentityResolver _resolver = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _credentials;

    public async ValueTask<AWSCredentials> GetAsync(CancellationToken ct)
    {
        if (_credentials is not null) return _credentials;
        await _gate.WaitAsync(ct);
        try
        {
            return _credentials ??= await _resolver.ResolveIdentityAsync(null!, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _resolver.Dispose();
        _gate.Dispose();
    }
}

/// <summary>Fixed keys: for tests against the fake, or a LocalStack-like endpoint.</summary>
public sealed class StaticAwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null) : IAwsCredentialsSource
{
    private readonly AWSCredentials _credentials = sessionToken is null
        ? new BasicAWSCredentials(accessKeyId, secretAccessKey)
        : new SessionAWSCredentials(accessKeyId, secretAccessKey, sessionToken);

    public ValueTask<AWSCredentials> GetAsync(CancellationToken ct) => ValueTask.FromResult(_credentials);
}
