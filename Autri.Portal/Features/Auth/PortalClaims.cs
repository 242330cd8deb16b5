using System.Security.Claims;

namespace Autri.Portal.Features.Auth;

/// <summary>Claims the portal adds at sign-in, and typed reads of the signed-in user.</summary>
public static class PortalClaims
{
    public const string UserId = "autri:user_id";
    public const string OrgId = "autri:org_id";

    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(UserId)?.Value, out var id) ? id : null;

    public static Guid? OrgIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(OrgId)?.Value, out var id) ? id : null;

    public static string EmailOf(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Email)?.Value ?? "";
}
