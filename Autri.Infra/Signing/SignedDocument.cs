namespace Autri.Infra.Signing;

/// <summary>A signed document whose signature verified: its claims, or why it was refused.</summary>
public sealed record VerifiedDocument(JsonWebToken? Token, string? Problem)
{
    public bool IsValid => Token is not null;
}

/// <summary>
/// Licences and update manifests are compact JWS (ES256) signed by the vendor, each with its own <c>typ</c> so one can
/// never stand in for the other. One signer, one verifier, used by the coordination service's commands (sign), the
/// agent and the portal (verify).
/// </summary>
public static class SignedDocument
{
    public const string Issuer = "autri-vendor";

    /// <summary>Larger tokens are refused before any parsing: a licence or manifest is a few kilobytes at most.</summary>
    public const int MaxLength = 16 * 1024;

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Sign(string type, IDictionary<string, object> claims, ECDsa privateKey)
    {
        var key = new ECDsaSecurityKey(privateKey) { KeyId = KeyId(privateKey) };
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            TokenType = type,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    public static async Task<VerifiedDocument> VerifyAsync(string? token, string type, ECDsa publicKey)
    {
        if (string.IsNullOrWhiteSpace(token)) return Refused("it is empty");
        token = token.Trim();
        if (token.Length > MaxLength) return Refused($"it is longer than {MaxLength} characters");
        if (!Handler.CanReadToken(token)) return Refused("it is not a signed token (compact JWS)");
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            // Expiry is the licence rule's business (grace period), not the signature's.
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [type],
            IssuerSigningKey = new ECDsaSecurityKey(publicKey),
            TryAllIssuerSigningKeys = true,
        });
        if (result.IsValid) return new VerifiedDocument((JsonWebToken)result.SecurityToken, null);
        return Refused(result.Exception switch
        {
            SecurityTokenInvalidTypeException => $"it is not a {type} document",
            SecurityTokenInvalidIssuerException => "it was not issued by the Autri vendor",
            SecurityTokenInvalidAlgorithmException => "it is not signed with ES256",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify with the vendor's public key",
            _ => "it could not be verified (" + result.Exception?.GetType().Name + ")",
        });
    }

    /// <summary>RFC 7638 thumbprint of the public key: names the key in the header, so a rotation is visible.</summary>
    public static string KeyId(ECDsa key)
    {
        var p = key.ExportParameters(false);
        var jwk = $$"""{"crv":"P-256","kty":"EC","x":"{{Base64UrlEncoder.Encode(p.Q.X)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y)}}"}""";
        return Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(jwk)));
    }

    /// <summary>A string claim, or null when absent or not a string.</summary>
    public static string? String(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var s) ? s : null;

    private static VerifiedDocument Refused(string why) => new(null, why);
}
