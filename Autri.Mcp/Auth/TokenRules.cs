namespace Autri.Mcp.Auth;

/// <summary>
/// The checks one kind of issuer's access tokens must pass once their signature, issuer and lifetime are valid
/// (<see cref="AccessTokenValidator"/> does those for every issuer alike). One implementation per kind:
/// <see cref="PortalTokenRules"/>, <see cref="ClientCredentialsTokenRules"/>.
/// </summary>
public interface ITokenRules
{
    /// <summary>The issuer exactly as its tokens' iss claim spells it; its OIDC discovery document gives the signing keys.</summary>
    string Issuer { get; }

    TokenValidation Check(JsonWebToken jwt);
}

/// <summary>Reading the claims both kinds share: space-separated scope, client_id, connector_id (a uuid when present).</summary>
internal static class TokenReading
{
    public static bool HasScope(JsonWebToken jwt, string scope) =>
        jwt.TryGetPayloadValue<string>("scope", out var scopes)
        && scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal);

    public static string? ClientId(JsonWebToken jwt) => jwt.TryGetPayloadValue<string>("client_id", out var clientId) ? clientId : null;

    /// <summary>False when the claim is present but not a connector id; <paramref name="connectorId"/> is null when absent.</summary>
    public static bool TryConnectorId(JsonWebToken jwt, out Guid? connectorId)
    {
        connectorId = null;
        if (!jwt.TryGetPayloadValue<string>("connector_id", out var raw)) return true;
        if (!Guid.TryParse(raw, out var parsed)) return false;
        connectorId = parsed;
        return true;
    }

    public static TokenValidation BadConnectorClaim() => TokenValidation.Invalid("bad_connector_claim", "The token's connector_id is not a connector id.");

    public static DateTimeOffset Expiry(JsonWebToken jwt) => new(jwt.ValidTo, TimeSpan.Zero);
}
