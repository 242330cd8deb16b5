namespace Autri.Portal.Features.Auth;

/// <summary>
/// Where someone who is not invited is sent. When they came through an app's authorization request, the page keeps
/// that request so it can offer "Return to the app", which answers the app with access_denied.
/// </summary>
public static class NotInvitedPage
{
    public static string Path(string? returnUrl) =>
        IsAuthorizationRequest(returnUrl) ? "/not-invited?returnUrl=" + Uri.EscapeDataString(returnUrl!) : "/not-invited";

    /// <summary>The link that tells the app: the same request, refused (see OAuthEndpoints.RefuseUninvitedAsync).</summary>
    public static string? ReturnToApp(string? returnUrl) =>
        IsAuthorizationRequest(returnUrl)
            ? OAuth.OAuthEndpoints.DecidePath + returnUrl![OAuth.OAuthEndpoints.AuthorizePath.Length..] + "&refusal=" + OAuth.OAuthEndpoints.NotInvitedRefusal
            : null;

    private static bool IsAuthorizationRequest(string? returnUrl) =>
        ReturnUrl.IsSafe(returnUrl) && returnUrl.StartsWith(OAuth.OAuthEndpoints.AuthorizePath + "?", StringComparison.Ordinal);
}
