namespace Autri.Portal.Features.Connectors;

public static class ConnectorActor
{
    /// <summary>The signed-in person as connector commands see them; null when the session lacks the portal's claims.</summary>
    public static Actor? From(ClaimsPrincipal user) =>
        PortalClaims.UserIdOf(user) is { } userId && PortalClaims.OrgIdOf(user) is { } orgId
            ? new Actor(userId, orgId, PortalClaims.EmailOf(user))
            : null;
}
