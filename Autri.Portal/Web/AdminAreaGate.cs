namespace Autri.Portal.Web;

/// <summary>
/// /admin/** and /ops/** are for admins, decided here on the server for every request whatever the page
/// declares: anonymous visitors are sent to sign in, everyone else without the role gets 403.
/// </summary>
public sealed class AdminAreaGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAuthorizationService authorization)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/admin") || path.StartsWithSegments("/ops"))
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                context.Response.Redirect("/sign-in?returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
                return;
            }
            if (!(await authorization.AuthorizeAsync(context.User, AuthSetup.AdminPolicy)).Succeeded)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                // A refused POST is answered here: re-executing it into the status page would be taken for a form post.
                if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                    await ErrorHandling.WritePlainPageAsync(context, "You do not have access to this page",
                        "This part of the portal is for administrators. If you need access, ask an administrator to add you to the admins group.");
                return;
            }
        }
        await next(context);
    }
}
