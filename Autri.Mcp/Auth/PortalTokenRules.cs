namespace Autri.Mcp.Auth;

/// <summary>
/// Tokens of the portal's authorization server (the contract in Autri.Portal/Features/OAuth/README.md): header typ
/// at+jwt (RFC 9068, so an id token or another JWT of the portal is never taken for one), aud exactly the endpoint
/// clients dial (RFC 8707: a token for another resource is refused), scope mcp.invoke, and a connector_id naming the
/// app-access connector the user's consent created (checked against client_id by the authenticator).
/// </summary>
public sealed class PortalTokenRules(string issuer, McpResource endpoint) : ITokenRules
{
    public const string Scope = "mcp.invoke";
    public const string AccessTokenType = "at+jwt";

    public string Issuer => issuer;

    public TokenValidation Check(JsonWebToken jwt)
    {
        if (!string.Equals(jwt.Typ, AccessTokenType, StringComparison.OrdinalIgnoreCase))
            return TokenValidation.Invalid("not_access_token", "The token is not an access token (typ at+jwt).");
        if (!jwt.Audiences.Contains(endpoint.Canonical, StringComparer.Ordinal))
            return TokenValidation.Invalid("wrong_audience", $"The token was issued for another resource; this one is {endpoint.Canonical}.");
        if (!TokenReading.TryConnectorId(jwt, out var connectorId)) return TokenReading.BadConnectorClaim();
        if (connectorId is null) return TokenValidation.Invalid("no_connector", "The token names no connector.");
        return TokenValidation.Valid(new TokenClaims(TokenReading.ClientId(jwt), connectorId, ConnectorKind.AppAccess, Scope,
            TokenReading.HasScope(jwt, Scope), TokenReading.Expiry(jwt)));
    }
}
