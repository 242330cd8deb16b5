namespace Autri.Portal.Tests.Features.Notifications;

/// <summary>
/// Live notifications across OS processes: the second portal here is its own <c>dotnet Autri.Portal.dll</c>
/// process (configured through environment variables, as a deployment is), so nothing in memory can carry the
/// event: only Postgres LISTEN/NOTIFY connects the two.
/// </summary>
[Collection(PortalCollection.Name)]
public class NotificationTwoProcessTests(PortalStack stack)
{
    [Fact]
    public async Task A_broadcast_in_this_process_reaches_a_stream_served_by_another_process()
    {
        var email = PortalStack.UniqueEmail("process");
        using var user = await NotificationSessions.UserAsync(stack, email);
        using var admin = await NotificationSessions.AdminAsync(stack);
        await using var other = await PortalProcess.StartAsync(stack);

        // The session cookie from the in-test portal is valid in the other process: data-protection keys live in Postgres.
        using var events = await ServerSentEvents.OpenAsync(user.Client, other.Url + "/notifications/stream?shown=1");
        Assert.Equal("1", BadgeOf(await events.NextAsync()));

        var post = await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, email, "Across processes");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);

        Assert.Equal("2", BadgeOf(await events.NextAsync()));
    }

    private static string? BadgeOf(ServerSentEvent e) =>
        new HtmlParser().ParseDocument("<body>" + e.Data + "</body>").QuerySelector("[data-testid=unread-count]")?.TextContent;
}
