namespace Autri.Mcp.Auth;

/// <summary>
/// Why a request was refused. <see cref="Error"/> is the RFC 6750 error code for WWW-Authenticate (null when no
/// credentials were sent); <see cref="Reason"/> is the stable, secret-free name the auth-failures query groups by;
/// <see cref="MissingScope"/> is the scope a 403 names.
/// </summary>
public sealed record AuthFailure(int Status, string? Error, string Reason, string Description, Guid? ConnectorId = null, string? MissingScope = null)
{
    public static AuthFailure Missing() =>
        new(StatusCodes.Status401Unauthorized, null, "missing_credentials", "This server needs a bearer token or API key.");

    public static AuthFailure InvalidToken(string reason, string description, Guid? connectorId = null) =>
        new(StatusCodes.Status401Unauthorized, "invalid_token", reason, description, connectorId);

    public static AuthFailure InsufficientScope(string scope, Guid? connectorId = null) =>
        new(StatusCodes.Status403Forbidden, "insufficient_scope", "insufficient_scope", $"The token lacks the {scope} scope.", connectorId, scope);

    public static AuthFailure Unavailable(string reason, string description) =>
        new(StatusCodes.Status503ServiceUnavailable, null, reason, description);
}

public sealed record AuthResult(Caller? Caller, AuthFailure? Failure)
{
    public static AuthResult Allow(Caller caller) => new(caller, null);

    public static AuthResult Refuse(AuthFailure failure) => new(null, failure);
}
