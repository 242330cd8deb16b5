using System.Security.Claims;

namespace Autri.Portal.Features.Auth;

/// <summary>Claims the portal adds at sign-in, and typed reads of the signed-in user.</summary>
public static class PortalClaims
{
    public const string UserId = "autri:user_id";
    public const string OrgId = "autri:org_id";

    /// <summary>"true" when the id_token said <c>email_verified</c>; only then may a sign-in take over an account by email.</summary>
    public const string EmailVerified = "autri:email_verified";

    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(UserId)?.Value, out var id) ? id : null;

    public static Guid? OrgIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(OrgId)?.Value, out var id) ? id : null;

    public static string EmailOf(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Email)?.Value ?? "";

    public static bool EmailVerifiedOf(ClaimsPrincipal user) => user.FindFirst(EmailVerified)?.Value == "true";
}
