namespace Autri.Portal.Web;

/// <summary>
/// The portal's own cookie names. Where the portal is on https they take the <c>__Host-</c> prefix, which browsers
/// accept only from a secure origin with Path=/ and no Domain: no sibling subdomain or plain-http page can set or
/// shadow them. On http (local) browsers would refuse the prefix, so the plain name is kept there.
/// </summary>
public static class PortalCookies
{
    public static string Name(PortalOptions portal, string name) => portal.IsHttps ? "__Host-" + name : name;
}
