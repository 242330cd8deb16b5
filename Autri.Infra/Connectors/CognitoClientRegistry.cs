namespace Autri.Infra.Connectors;

/// <summary>
/// Production adapter: each OAuth connector is a Cognito app client with a generated secret, only the
/// client_credentials flow, only the MCP resource server's scope (<c>Connectors:Scope</c>) and access tokens
/// valid <c>Connectors:AccessTokenMinutes</c>. The pre-token-generation trigger adds <c>connector_id</c> to its
/// tokens by looking the client id up in <c>connectors</c>. Nothing needs storing to delete it, so the handle is null.
/// IAM lets the portal's role act on every client of the pool (Cognito has no finer resource), so each operation on an
/// existing client first passes <see cref="ConnectorClientRule"/>: never the portal's own client, the MCP client, or
/// another org's connector's. This adapter is the only code that calls Cognito's client operations for connectors.
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

    public async Task DeleteAsync(ConnectorClientTarget target, string? handle, CancellationToken ct)
    {
        if (ConnectorClientRule.RefusalFor(target, options.ReservedClientIds) is { } why)
        {
            log.LogError(new EventId(2, "oauth_client_refused"), "Refused to delete Cognito app client {client_id}: {reason}", target.ClientId, why);
            throw ClientRegistryException.Refused(DeleteWhat, new InvalidOperationException(why));
        }
        var clientId = target.ClientId;
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
