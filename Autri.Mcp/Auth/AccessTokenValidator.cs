using Autri.Infra.OAuth;

namespace Autri.Mcp.Auth;

/// <summary>
/// Validates a JWT access token against the issuer its iss claim names, if this server trusts it: RS256 signature
/// against that issuer's keys (<see cref="IssuerKeys"/>: read again on an unknown key id, for rotation), iss, exp (required, 60 s
/// skew), nbf; then the issuer kind's own rules (<see cref="ITokenRules"/>). Valid results are cached by
/// <see cref="ValidatedTokenCache"/>.
/// </summary>
public sealed class AccessTokenValidator(IReadOnlyDictionary<string, TrustedIssuer> issuers, ValidatedTokenCache cache, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <exception cref="InvalidOperationException">Discovery or JWKS could not be fetched (the caller answers 503).</exception>
    public async Task<TokenValidation> ValidateAsync(string token, CancellationToken ct)
    {
        if (cache.TryGet(token, out var cached)) return TokenValidation.Valid(cached);

        // The issuer is read before the signature is checked only to choose whose keys check it.
        string? iss;
        try
        {
            iss = Handler.ReadJsonWebToken(token).Issuer;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return Malformed;
        }
        if (string.IsNullOrEmpty(iss) || !issuers.TryGetValue(iss, out var issuer))
            return TokenValidation.Invalid("wrong_issuer", "The token comes from an issuer this server does not trust.");

        var result = await ValidateWithAsync(issuer, await issuer.Keys.CurrentAsync(ct), token);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && await issuer.Keys.AfterUnknownKeyAsync(ct) is { } reread)
            result = await ValidateWithAsync(issuer, reread, token);
        if (!result.IsValid) return Describe(result.Exception);

        var verdict = issuer.Rules.Check((JsonWebToken)result.SecurityToken);
        if (verdict.Claims is { } claims) cache.Add(token, claims);
        return verdict;
    }

    private Task<TokenValidationResult> ValidateWithAsync(TrustedIssuer issuer, ICollection<SecurityKey> keys, string token) =>
        Handler.ValidateTokenAsync(token, new StrictJwtParameters(clock, TimeSpan.FromSeconds(60))
        {
            ValidIssuer = issuer.Rules.Issuer,
            ValidateAudience = false, // each kind's rules check it: exact for the portal, optional for client credentials
            IssuerSigningKeys = keys,
        });

    private static readonly TokenValidation Malformed = TokenValidation.Invalid("malformed_token", "The token is not a JWT.");

    private static TokenValidation Describe(Exception? ex) => ex switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNoExpirationException =>
            TokenValidation.Invalid("expired", "The token has expired."),
        SecurityTokenInvalidIssuerException => TokenValidation.Invalid("wrong_issuer", "The token comes from another issuer."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            TokenValidation.Invalid("bad_signature", "The token signature does not verify."),
        SecurityTokenInvalidAlgorithmException => TokenValidation.Invalid("bad_algorithm", "The token is signed with an algorithm this server does not accept."),
        SecurityTokenMalformedException or ArgumentException => Malformed,
        _ => TokenValidation.Invalid("invalid_token", "The token is invalid."),
    };
}
