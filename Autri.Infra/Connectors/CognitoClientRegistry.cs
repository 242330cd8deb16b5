using Autri.Infra.Aws;
using Autri.Infra.Aws.CognitoIdp;
using Microsoft.Extensions.Logging;

namespace Autri.Infra.Connectors;

/// <summary>
/// Production adapter: each OAuth connector is a Cognito app client with a generated secret, only the
/// client_credentials flow, only the MCP resource server's scope (<c>Connectors:Scope</c>) and access tokens
/// valid <c>Connectors:AccessTokenMinutes</c>. The pre-token-generation trigger adds <c>connector_id</c> to its
/// tokens by looking the client id up in <c>connectors</c>. Nothing needs storing to delete it, so the handle is null.
/// </summary>
public sealed class CognitoClientRegistry(ICognitoIdentityProviderClient cognito, ConnectorOptions options, ILogger<CognitoClientRegistry> log)
    : IClientRegistry
{
    private const string RegisterWhat = "register the OAuth client";
    private const string DeleteWhat = "delete the OAuth client";

    public async Task<RegisteredClient> RegisterAsync(Guid connectorId, CancellationToken ct)
    {
        CreateUserPoolClientResponse response;
        try
        {
            response = await cognito.CreateUserPoolClientAsync(new CreateUserPoolClientRequest
            {
                UserPoolId = options.UserPoolId!,
                ClientName = ConnectorClientName.For(connectorId),
                GenerateSecret = true,
                AllowedOAuthFlows = ["client_credentials"],
                AllowedOAuthFlowsUserPoolClient = true,
                AllowedOAuthScopes = [options.Scope],
                AccessTokenValidity = options.AccessTokenMinutes,
                TokenValidityUnits = new TokenValidityUnitsType { AccessToken = "minutes" },
            }, ct);
        }
        catch (AwsServiceException ex)
        {
            throw Translate(ex, RegisterWhat);
        }

        if (response.UserPoolClient is not { ClientId.Length: > 0, ClientSecret.Length: > 0 } client)
            throw ClientRegistryException.Refused(RegisterWhat, new InvalidOperationException("CreateUserPoolClient answered without a client id or secret"));
        return new RegisteredClient(client.ClientId, client.ClientSecret, null);
    }

    public async Task DeleteAsync(string clientId, string? handle, CancellationToken ct)
    {
        try
        {
            await cognito.DeleteUserPoolClientAsync(new DeleteUserPoolClientRequest { UserPoolId = options.UserPoolId!, ClientId = clientId }, ct);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ResourceNotFoundException")
        {
            // Already gone (a retried revocation, or deleted in the console): the goal is reached.
            log.LogInformation(new EventId(1, "oauth_client_already_deleted"), "Cognito app client {client_id} was already deleted", clientId);
        }
        catch (AwsServiceException ex)
        {
            throw Translate(ex, DeleteWhat);
        }
    }

    private static ClientRegistryException Translate(AwsServiceException ex, string what) => ex.ErrorCode switch
    {
        "LimitExceededException" => ClientRegistryException.LimitExceeded(ex),
        "TooManyRequestsException" or "ThrottlingException" => ClientRegistryException.Throttled(ex),
        _ when ex.StatusCode is 0 or >= 500 => ClientRegistryException.Unavailable(what, ex),
        _ => ClientRegistryException.Refused(what, ex),
    };
}
