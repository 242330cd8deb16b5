using Autri.Infra.Notifications;

namespace Autri.Portal.Tests.Features.Notifications;

[Collection(PortalCollection.Name)]
public class NotificationStreamTests(PortalStack stack)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private static string? BadgeOf(ServerSentEvent e) =>
        new HtmlParser().ParseDocument("<body>" + e.Data + "</body>").QuerySelector("[data-testid=unread-count]")?.TextContent;

    private static string? AnnouncementOf(ServerSentEvent e) =>
        new HtmlParser().ParseDocument("<body>" + e.Data + "</body>").QuerySelector("#notification-live[hx-swap-oob=innerHTML]")?.TextContent;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Generous);
        while (!condition()) await Task.Delay(20, timeout.Token);
    }

    [Fact]
    public async Task A_broadcast_on_one_instance_reaches_a_stream_open_on_the_other()
    {
        var email = PortalStack.UniqueEmail("live");
        using var user = await NotificationSessions.UserAsync(stack, email);
        using var admin = await NotificationSessions.AdminAsync(stack);
        // The session cookie from the first instance is valid on the second: it is another instance of the same portal.
        using var events = await ServerSentEvents.OpenAsync(user.Client, stack.SecondPortal.Url + "/notifications/stream?shown=1");
        var first = await events.NextAsync();
        Assert.Equal(("1", "unread", "1"), (first.Id, first.Name, BadgeOf(first)));

        var post = await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, email, "Across instances");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);

        var update = await events.NextAsync();
        Assert.Equal(("2", "unread", "2"), (update.Id, update.Name, BadgeOf(update)));
        Assert.Equal("2 unread notifications", AnnouncementOf(update));
        Assert.Contains("Notifications, 2 unread", update.Data);
    }

    [Fact]
    public async Task The_stream_is_event_stream_with_a_retry_hint_and_the_current_count_at_once()
    {
        using var user = await NotificationSessions.UserAsync(stack, PortalStack.UniqueEmail("headers"));

        using var events = await ServerSentEvents.OpenAsync(user.Client, stack.Portal.Url + "/notifications/stream");
        var first = await events.NextAsync();

        Assert.Equal("text/event-stream", events.Response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-cache", events.Response.Headers.CacheControl!.ToString());
        Assert.Equal("3000", events.Retry);
        Assert.Equal("1", BadgeOf(first));
        Assert.Null(AnnouncementOf(first)); // nothing was shown before, so nothing changed to announce
    }

    [Fact]
    public async Task A_reconnect_gets_the_current_count_immediately_and_announces_what_changed_while_away()
    {
        var email = PortalStack.UniqueEmail("reconnect");
        using var user = await NotificationSessions.UserAsync(stack, email);
        using var admin = await NotificationSessions.AdminAsync(stack);
        string lastId;
        using (var events = await ServerSentEvents.OpenAsync(user.Client, stack.Portal.Url + "/notifications/stream?shown=1"))
        {
            lastId = (await events.NextAsync()).Id!;
            Assert.Equal("1", lastId);
        }

        // While the browser is disconnected, a notification arrives.
        await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, email, "While you were away");
        // EventSource reconnects with Last-Event-ID: the count it shows; it wins over the page's rendered count.
        using var again = await ServerSentEvents.OpenAsync(user.Client, stack.SecondPortal.Url + "/notifications/stream?shown=1", lastEventId: lastId);
        var current = await again.NextAsync();

        Assert.Equal(("2", "2"), (current.Id, BadgeOf(current)));
        Assert.Equal("2 unread notifications", AnnouncementOf(current));
    }

    [Fact]
    public async Task Marking_all_read_in_one_tab_updates_the_bell_in_another()
    {
        var email = PortalStack.UniqueEmail("tabs");
        using var user = await NotificationSessions.UserAsync(stack, email);
        using var events = await ServerSentEvents.OpenAsync(user.Client, stack.SecondPortal.Url + "/notifications/stream?shown=1");
        Assert.Equal("1", BadgeOf(await events.NextAsync()));
        var token = await NotificationSessions.AntiforgeryTokenAsync(user.Client, stack.Portal.Url + "/notifications");

        var post = await user.Client.PostAsync(stack.Portal.Url + "/notifications/read-all",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var update = await events.NextAsync();
        Assert.Equal("0", update.Id);
        Assert.Null(BadgeOf(update));
        Assert.Equal("No unread notifications", AnnouncementOf(update));
    }

    [Fact]
    public async Task After_the_listen_connection_is_terminated_the_listener_reconnects_and_events_still_arrive()
    {
        var email = PortalStack.UniqueEmail("drop");
        using var user = await NotificationSessions.UserAsync(stack, email);
        using var admin = await NotificationSessions.AdminAsync(stack);
        var listener = stack.SecondPortal.Services.GetRequiredService<NotificationListener>();
        await WaitUntilAsync(() => listener.BackendProcessId is not null);
        var before = (Pid: listener.BackendProcessId!.Value, listener.Connects);
        using var events = await ServerSentEvents.OpenAsync(user.Client, stack.SecondPortal.Url + "/notifications/stream?shown=1");
        Assert.Equal("1", BadgeOf(await events.NextAsync()));

        await using (var conn = await stack.Db.OpenConnectionAsync())
            Assert.True(await conn.ExecuteScalarAsync<bool>("SELECT pg_terminate_backend(@pid)", new { pid = before.Pid }));
        // Sent at once, possibly while no connection listens: the listener's re-read on reconnect must catch it.
        await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, email, "During the outage");

        Assert.Equal("2", BadgeOf(await events.NextMatchingAsync(e => e.Id == "2")));
        await WaitUntilAsync(() => listener.Connects > before.Connects && listener.BackendProcessId is not null);
        Assert.NotEqual(before.Pid, listener.BackendProcessId);

        await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, email, "After the outage");
        Assert.Equal("3", BadgeOf(await events.NextMatchingAsync(e => e.Id == "3")));
    }

    [Fact]
    public async Task A_closed_stream_releases_its_subscription()
    {
        var email = PortalStack.UniqueEmail("leak");
        using var user = await NotificationSessions.UserAsync(stack, email);
        var userId = await NotificationSessions.UserIdAsync(stack, email);
        var fanout = stack.Portal.Services.GetRequiredService<NotificationFanout>();

        var streams = new List<ServerSentEvents>();
        for (var i = 0; i < 3; i++)
        {
            var s = await ServerSentEvents.OpenAsync(user.Client, stack.Portal.Url + "/notifications/stream");
            await s.NextAsync();
            streams.Add(s);
        }
        Assert.Equal(3, fanout.SubscriberCountOf(userId));
        foreach (var s in streams) s.Dispose();

        await WaitUntilAsync(() => fanout.SubscriberCountOf(userId) == 0);
    }

    [Fact]
    public async Task Without_a_session_the_stream_answers_401_rather_than_a_sign_in_redirect()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync(stack.Portal.Url + "/notifications/stream");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
