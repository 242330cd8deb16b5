namespace Autri.Mcp.Auth;

/// <summary>
/// Client-credentials tokens of OAuth-client connectors (Cognito, or the dev IdP locally): aud when present must name
/// this server (the dev IdP sets it; Cognito access tokens carry none and are bound by their resource-server scope
/// instead), token_use=access when present (Cognito id tokens say id), the configured scope, and the connector named
/// by connector_id (the pre-token trigger adds it) or else found by client_id.
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
        if (jwt.Audiences.Any() && !jwt.Audiences.Any(_audiences.Contains))
            return TokenValidation.Invalid("wrong_audience", "The token was issued for another resource.");
        if (jwt.TryGetPayloadValue<string>("token_use", out var use) && use != "access")
            return TokenValidation.Invalid("not_access_token", "The token is not an access token.");
        if (!TokenReading.TryConnectorId(jwt, out var connectorId)) return TokenReading.BadConnectorClaim();
        return TokenValidation.Valid(new TokenClaims(TokenReading.ClientId(jwt), connectorId, ConnectorKind.OAuthClient, _scope,
            TokenReading.HasScope(jwt, _scope), TokenReading.Expiry(jwt)));
    }
}
