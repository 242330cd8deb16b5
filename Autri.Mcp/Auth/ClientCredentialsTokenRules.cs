namespace Autri.Mcp.Auth;

/// <summary>
/// Client-credentials tokens of OAuth-client connectors (Cognito, or the dev IdP locally). Each must be bound as an
/// access token of one client: token_use=access (required: Cognito's id tokens say id, and a token without it is not
/// one of Cognito's access tokens), a non-empty client_id (required: Cognito's access tokens always carry it, id tokens
/// never do), and an aud, when present, naming this server (Cognito access tokens carry none and are bound by their
/// resource-server scope instead; the dev IdP names this server; an id token names its client there and is refused as
/// one). Then the configured scope, and the connector named by connector_id (the pre-token trigger adds it) or else
/// found by client_id.
/// </summary>
public sealed class ClientCredentialsTokenRules : ITokenRules
{
    private readonly string _scope;
    private readonly HashSet<string> _audiences;

    public ClientCredentialsTokenRules(string issuer, string scope, ResourceDescription resource)
    {
        Issuer = issuer;
        _scope = scope;
        _audiences = new HashSet<string>(StringComparer.Ordinal) { resource.BaseUrl, resource.BaseUrl + "/", resource.Endpoint.Canonical };
    }

    public string Issuer { get; }

    public TokenValidation Check(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<string>("token_use", out var use) || use != "access")
            return TokenValidation.Invalid("not_access_token", "The token is not an access token (token_use must be access).");
        var clientId = TokenReading.ClientId(jwt);
        if (jwt.Audiences.Any() && !jwt.Audiences.Any(_audiences.Contains))
        {
            // An id token names the client it was issued to as its audience, and has no client_id of its own.
            return clientId is not { Length: > 0 } || jwt.Audiences.Contains(clientId, StringComparer.Ordinal)
                ? TokenValidation.Invalid("id_token", "The token is an id token (its aud names a client, not this server); send an access token.")
                : TokenValidation.Invalid("wrong_audience", "The token was issued for another resource.");
        }
        if (clientId is not { Length: > 0 })
            return TokenValidation.Invalid("no_client_id", "The token names no client (client_id is required).");
        if (!TokenReading.TryConnectorId(jwt, out var connectorId)) return TokenReading.BadConnectorClaim();
        return TokenValidation.Valid(new TokenClaims(clientId, connectorId, ConnectorKind.OAuthClient, _scope,
            TokenReading.HasScope(jwt, _scope), TokenReading.Expiry(jwt)));
    }
}
