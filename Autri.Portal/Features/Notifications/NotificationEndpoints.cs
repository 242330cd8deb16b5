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

    private static async Task<Results<RedirectHttpResult, NotFound, ForbidHttpResult>> MarkRead(long id, HttpContext http, NotificationStore store)
    {
        if (PortalClaims.UserIdOf(http.User) is not { } userId) return TypedResults.Forbid();
        // Someone else's notification looks exactly like a missing one.
        return await store.MarkReadAsync(userId, id, http.RequestAborted) ? TypedResults.Redirect("/notifications") : TypedResults.NotFound();
    }

    private static async Task<Results<RedirectHttpResult, ForbidHttpResult>> MarkAllRead(HttpContext http, NotificationStore store)
    {
        if (PortalClaims.UserIdOf(http.User) is not { } userId) return TypedResults.Forbid();
        await store.MarkAllReadAsync(userId, http.RequestAborted);
        return TypedResults.Redirect("/notifications");
    }
}
