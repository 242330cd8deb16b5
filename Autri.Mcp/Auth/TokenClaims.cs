namespace Autri.Mcp.Auth;

/// <summary>
/// What a valid access token says about its holder, kept (not the token) in the validation cache: the client, the
/// connector it names (if any), which kind of connector its issuer speaks for, and whether it carries the scope
/// that issuer's tokens need (<see cref="RequiredScope"/>).
/// </summary>
public sealed record TokenClaims(string? ClientId, Guid? ConnectorId, ConnectorKind ConnectorKind, string RequiredScope, bool HasRequiredScope,
    DateTimeOffset ExpiresAt);

/// <summary>A validation outcome: claims, or why the token is refused (never the token itself).</summary>
public sealed record TokenValidation(TokenClaims? Claims, string? Reason, string? Description)
{
    public static TokenValidation Valid(TokenClaims claims) => new(claims, null, null);

    public static TokenValidation Invalid(string reason, string description) => new(null, reason, description);
}
