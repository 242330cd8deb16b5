using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Autri.Portal.Features.Notifications;

/// <summary>
/// GET /notifications/stream: server-sent events for one signed-in user's bell. Sends the unread count at once
/// (so a reconnect is current immediately), then again whenever a signal concerning the user arrives from any
/// instance, as an "unread" event whose data is the bell's HTML for htmx to swap. Holds nothing but the open
/// connection: the count always comes from the database.
/// </summary>
public static class NotificationStream
{
    public const string EventName = "unread";

    /// <summary>A comment this often keeps proxies and load balancers (ALB: 60 s idle) from closing the stream.</summary>
    internal static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Streams end after this long and the browser reconnects at once, passing the sign-in and allowlist checks
    /// again, so a session that ended or a person removed from the beta does not keep a stream forever.
    /// </summary>
    internal static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    internal const int RetryMilliseconds = 3000;

    internal static async Task<Results<EmptyHttpResult, ContentHttpResult>> StreamAsync(HttpContext http, NotificationStore store, NotificationFanout fanout,
        IHostApplicationLifetime lifetime, ILoggerFactory logs)
    {
        // No sign-in redirect here: EventSource cannot follow it to the identity provider. 401 stops it.
        if (PortalClaims.UserIdOf(http.User) is not { } userId)
            return TypedResults.Text("Sign in to receive notifications.", statusCode: StatusCodes.Status401Unauthorized);

        using var stream = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        stream.CancelAfter(MaxLifetime);
        var ct = stream.Token;

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Subscribe before the first read, so a signal between the read and the wait is not missed.
        using var subscription = fanout.Subscribe(userId);
        var shown = PreviouslyShown(http.Request);
        try
        {
            await WriteAsync(http.Response, $"retry: {RetryMilliseconds}\n\n", ct);
            for (var first = true; ; first = false)
            {
                var unread = await store.UnreadCountAsync(userId, ct);
                // Always on connect (a reconnect is current at once); afterwards only when the count changed.
                if (first || unread != shown)
                {
                    var html = await RenderAsync(http, unread, announce: shown is not null && unread != shown);
                    await WriteAsync(http.Response, Event(unread, html), ct);
                }
                shown = unread;
                while (!await subscription.WaitAsync(Heartbeat, ct))
                    await WriteAsync(http.Response, ": keep-alive\n\n", ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Browser gone, instance stopping, or lifetime reached: the browser reconnects if it is still there.
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Typically the database: end this stream; the browser retries after the retry hint.
            logs.CreateLogger(typeof(NotificationStream)).LogWarning(new EventId(62, "notification_stream_failed"), ex,
                "Notification stream ended by an error; the browser will reconnect");
        }
        return TypedResults.Empty;
    }

    /// <summary>What the page shows: the last event id on a reconnect, else the count the page was rendered with.</summary>
    private static int? PreviouslyShown(HttpRequest request) =>
        int.TryParse(request.Headers["Last-Event-ID"], out var lastEvent) ? lastEvent
        : int.TryParse(request.Query["shown"], out var rendered) ? rendered
        : null;

    /// <summary>The event id is the count itself, so a reconnecting browser tells us what it shows.</summary>
    internal static string Event(int unread, string html)
    {
        var text = new StringBuilder().Append("id: ").Append(unread).Append("\nevent: ").Append(EventName).Append('\n');
        foreach (var line in html.ReplaceLineEndings("\n").Split('\n'))
            text.Append("data: ").Append(line).Append('\n');
        return text.Append('\n').ToString();
    }

    private static async Task<string> RenderAsync(HttpContext http, int unread, bool announce)
    {
        await using var renderer = new HtmlRenderer(http.RequestServices, http.RequestServices.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<NotificationStreamUpdate>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(NotificationStreamUpdate.Unread)] = unread,
                [nameof(NotificationStreamUpdate.Announce)] = announce,
            }));
            return output.ToHtmlString();
        });
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, ct);
        await response.Body.FlushAsync(ct);
    }
}
