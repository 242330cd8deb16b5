using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Autri.Mcp.Auth;

/// <summary>
/// Validates a JWT access token from the configured issuer: RS256 signature against the JWKS found by OIDC
/// discovery (refreshed once on an unknown key id, for key rotation), <c>iss</c>, <c>exp</c> (required),
/// <c>aud</c> when present (the dev IdP sets it to this resource; Cognito access tokens carry none and are bound
/// by their resource-server scope instead), <c>token_use=access</c> when present, and reads the scope,
/// <c>client_id</c> and <c>connector_id</c>. Valid results are cached by <see cref="ValidatedTokenCache"/>.
/// </summary>
public sealed class AccessTokenValidator
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly IConfigurationManager<OpenIdConnectConfiguration> _discovery;
    private readonly ValidatedTokenCache _cache;
    private readonly TimeProvider _clock;
    private readonly McpOptions _options;
    private readonly HashSet<string> _audiences;

    public AccessTokenValidator(IConfigurationManager<OpenIdConnectConfiguration> discovery, ValidatedTokenCache cache,
        IOptions<McpOptions> options, TimeProvider clock)
    {
        _discovery = discovery;
        _cache = cache;
        _clock = clock;
        _options = options.Value;
        var resource = _options.ResourceUrl.TrimEnd('/');
        _audiences = new HashSet<string>(StringComparer.Ordinal) { resource, resource + "/", resource + "/mcp" };
    }

    /// <exception cref="InvalidOperationException">Discovery or JWKS could not be fetched (the caller answers 503).</exception>
    public async Task<TokenValidation> ValidateAsync(string token, CancellationToken ct)
    {
        if (_cache.TryGet(token, out var cached)) return TokenValidation.Valid(cached);

        var result = await ValidateOnceAsync(token, ct);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            _discovery.RequestRefresh();
            result = await ValidateOnceAsync(token, ct);
        }
        if (!result.IsValid) return Describe(result.Exception);

        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.Audiences.Any() && !jwt.Audiences.Any(_audiences.Contains))
            return TokenValidation.Invalid("wrong_audience", "The token was issued for another resource.");
        if (jwt.TryGetPayloadValue<string>("token_use", out var use) && use != "access")
            return TokenValidation.Invalid("not_access_token", "The token is not an access token.");

        var scopes = jwt.TryGetPayloadValue<string>("scope", out var scope) ? scope : "";
        var hasScope = scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(_options.RequiredScope, StringComparer.Ordinal);
        jwt.TryGetPayloadValue<string>("client_id", out var clientId);
        Guid? connectorId = null;
        if (jwt.TryGetPayloadValue<string>("connector_id", out var rawConnector))
        {
            if (!Guid.TryParse(rawConnector, out var parsed))
                return TokenValidation.Invalid("bad_connector_claim", "The token's connector_id is not a connector id.");
            connectorId = parsed;
        }
        var claims = new TokenClaims(clientId, connectorId, hasScope, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        _cache.Add(token, claims);
        return TokenValidation.Valid(claims);
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string token, CancellationToken ct)
    {
        var config = await _discovery.GetConfigurationAsync(ct);
        return await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidateAudience = false, // checked above: optional claim, two accepted values
            IssuerSigningKeys = config.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(60),
            LifetimeValidator = (nbf, exp, _, p) =>
            {
                var now = _clock.GetUtcNow().UtcDateTime;
                return (nbf is null || nbf <= now + p.ClockSkew) && exp is not null && exp > now - p.ClockSkew;
            },
        });
    }

    private static TokenValidation Describe(Exception? ex) => ex switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNoExpirationException =>
            TokenValidation.Invalid("expired", "The token has expired."),
        SecurityTokenInvalidIssuerException => TokenValidation.Invalid("wrong_issuer", "The token comes from another issuer."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            TokenValidation.Invalid("bad_signature", "The token signature does not verify."),
        SecurityTokenInvalidAlgorithmException => TokenValidation.Invalid("bad_algorithm", "The token is signed with an algorithm this server does not accept."),
        SecurityTokenMalformedException or ArgumentException => TokenValidation.Invalid("malformed_token", "The token is not a JWT."),
        _ => TokenValidation.Invalid("invalid_token", "The token is invalid."),
    };
}
