namespace Autri.Portal.Features.Auth;

/// <summary>
/// Removing someone from the allowlist ends their access within the allowlist cache's lifetime, not at
/// their next sign-in: every authenticated request re-checks the (cached) list.
/// </summary>
public sealed class AllowlistEnforcement(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AllowlistReader allowlist, IOptionsMonitor<OidcOptions> oidc)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && !user.IsInRole(oidc.Get(OidcOptions.Scheme).AdminGroup)
            && !await allowlist.IsAllowedAsync(PortalClaims.EmailOf(user), context.RequestAborted))
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            context.Response.Redirect(NotInvitedPage.Path(context.Request.Path + context.Request.QueryString));
            return;
        }
        await next(context);
    }
}
