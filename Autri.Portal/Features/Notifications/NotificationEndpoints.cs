using Autri.Infra.Notifications;
using Autri.Portal.Features.Auth;
using Autri.Portal.Web;

namespace Autri.Portal.Features.Notifications;

public static class NotificationEndpoints
{
    public static void MapNotifications(this WebApplication app)
    {
        var group = app.MapGroup("/notifications").RequireAuthorization().RequireAntiforgery().DisableAntiforgery();
        group.MapPost("/{id:long}/read", MarkRead);
        group.MapPost("/read-all", MarkAllRead);

        // Not in the group: a stream answers 401 itself instead of redirecting to sign in.
        app.MapGet("/notifications/stream", NotificationStream.StreamAsync);
    }

    private static async Task<IResult> MarkRead(long id, HttpContext http, NotificationStore store)
    {
        if (PortalClaims.UserIdOf(http.User) is not { } userId) return Results.Forbid();
        // Someone else's notification looks exactly like a missing one.
        return await store.MarkReadAsync(userId, id, http.RequestAborted) ? Results.Redirect("/notifications") : Results.NotFound();
    }

    private static async Task<IResult> MarkAllRead(HttpContext http, NotificationStore store)
    {
        if (PortalClaims.UserIdOf(http.User) is not { } userId) return Results.Forbid();
        await store.MarkAllReadAsync(userId, http.RequestAborted);
        return Results.Redirect("/notifications");
    }
}
