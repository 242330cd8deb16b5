namespace Autri.Portal.Features.Auth;

/// <summary>Claims the portal adds at sign-in, and typed reads of the signed-in user.</summary>
public static class PortalClaims
{
    public const string UserId = "autri:user_id";
    public const string OrgId = "autri:org_id";

    /// <summary>"true" when the id_token said <c>email_verified</c>; only then may a sign-in take over an account by email.</summary>
    public const string EmailVerified = "autri:email_verified";

    /// <summary>Who the IdP's admin API knows this person as: Cognito's <c>cognito:username</c>, else the <c>sub</c>.</summary>
    public const string IdpUser = "autri:idp_user";

    /// <summary>When the IdP last confirmed the session's groups and account state (Unix milliseconds).</summary>
    public const string ConfirmedAt = "autri:confirmed_at";

    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(UserId)?.Value, out var id) ? id : null;

    public static Guid? OrgIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(OrgId)?.Value, out var id) ? id : null;

    public static string EmailOf(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Email)?.Value ?? "";

    public static string IdpUserOf(ClaimsPrincipal user) =>
        user.FindFirst(IdpUser)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "";

    /// <summary>Null for a session issued before re-validation existed: it is checked at its next request.</summary>
    public static DateTimeOffset? ConfirmedAtOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(ConfirmedAt)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static Claim Confirmed(DateTimeOffset at) => new(ConfirmedAt, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public static bool EmailVerifiedOf(ClaimsPrincipal user) => user.FindFirst(EmailVerified)?.Value == "true";
}
