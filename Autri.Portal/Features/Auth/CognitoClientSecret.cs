namespace Autri.Portal.Features.Auth;

/// <summary>
/// The portal app client's secret in AWS, read from Cognito (DescribeUserPoolClient, on the pool the task role
/// manages connectors in anyway) at the first sign-in and kept for the process. Not copied into Secrets Manager:
/// CloudFormation cannot read a client secret without a custom-resource Lambda. A failed read is not kept.
/// </summary>
public sealed class CognitoClientSecret(ICognitoIdentityProviderClient cognito, string userPoolId, string clientId)
{
    private readonly Lock _gate = new();
    private Task<string>? _read;

    public Task<string> GetAsync()
    {
        lock (_gate)
        {
            if (_read is null || _read.IsFaulted || _read.IsCanceled) _read = ReadAsync();
            return _read;
        }
    }

    private async Task<string> ReadAsync()
    {
        var described = await cognito.DescribeUserPoolClientAsync(new DescribeUserPoolClientRequest { UserPoolId = userPoolId, ClientId = clientId });
        return described.UserPoolClient?.ClientSecret is { Length: > 0 } secret
            ? secret
            : throw new InvalidOperationException($"The Cognito app client {clientId} has no secret: the portal's client must be confidential");
    }
}
