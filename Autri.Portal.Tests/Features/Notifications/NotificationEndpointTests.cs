namespace Autri.Portal.Tests.Features.Notifications;

[Collection(PortalCollection.Name)]
public class NotificationEndpointTests(PortalStack stack)
{
    private async Task<long> WelcomeIdAsync(string email)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<long>(
            "SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = @email AND n.type = 'welcome'", new { email });
    }

    private async Task<bool> IsUnreadAsync(long id)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<bool>("SELECT read_at IS NULL FROM notifications WHERE id = @id", new { id });
    }

    /// <summary>A new user who has signed in once (so has a welcome notification); their email.</summary>
    private async Task<string> SignedInOnceAsync(string who)
    {
        var email = PortalStack.UniqueEmail(who);
        using var session = await NotificationSessions.UserAsync(stack, email);
        return email;
    }

    /// <summary>Presses a notifications-page button as the session: its form's antiforgery token, posted to <paramref name="path"/>.</summary>
    private async Task<HttpResponseMessage> PressAsync(HttpClient session, string path)
    {
        var token = await NotificationSessions.AntiforgeryTokenAsync(session, stack.Portal.Url + "/notifications");
        return await session.PostAsync(stack.Portal.Url + path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    [Fact]
    public async Task Marking_someone_elses_notification_read_answers_404_and_changes_nothing()
    {
        var adasWelcome = await WelcomeIdAsync(await SignedInOnceAsync("ada"));
        using var bob = await NotificationSessions.UserAsync(stack, PortalStack.UniqueEmail("bob"));

        var response = await PressAsync(bob.Client, $"/notifications/{adasWelcome}/read");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await IsUnreadAsync(adasWelcome));
    }

    [Fact]
    public async Task A_missing_notification_answers_404_like_someone_elses()
    {
        using var session = await NotificationSessions.UserAsync(stack, PortalStack.UniqueEmail("missing"));

        var response = await PressAsync(session.Client, $"/notifications/{long.MaxValue}/read");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Marking_ones_own_notification_read_redirects_back_and_clears_the_bell()
    {
        var email = PortalStack.UniqueEmail("own");
        using var session = await NotificationSessions.UserAsync(stack, email);
        var welcome = await WelcomeIdAsync(email);
        var before = await NotificationSessions.PageAsync(session.Client, stack.Portal.Url + "/notifications");
        Assert.Equal("1", before.QuerySelector("#notification-bell [data-testid=unread-count]")!.TextContent);

        var response = await PressAsync(session.Client, $"/notifications/{welcome}/read");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/notifications", response.Headers.Location!.ToString());
        Assert.False(await IsUnreadAsync(welcome));
        var after = await NotificationSessions.PageAsync(session.Client, stack.Portal.Url + "/notifications");
        Assert.Null(after.QuerySelector("[data-testid=unread-count]"));
        Assert.Equal("Notifications, none unread", after.QuerySelector("#notification-bell .visually-hidden")!.TextContent);
    }

    [Fact]
    public async Task Mark_all_read_touches_only_the_callers_notifications()
    {
        var ada = await SignedInOnceAsync("ada-all");
        using var bob = await NotificationSessions.UserAsync(stack, PortalStack.UniqueEmail("bob-all"));

        var response = await PressAsync(bob.Client, "/notifications/read-all");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await IsUnreadAsync(await WelcomeIdAsync(bob.Email)));
        Assert.True(await IsUnreadAsync(await WelcomeIdAsync(ada)));
    }

    [Fact]
    public async Task Mark_read_without_an_antiforgery_token_is_refused_with_400()
    {
        var email = PortalStack.UniqueEmail("csrf");
        using var session = await NotificationSessions.UserAsync(stack, email);
        var welcome = await WelcomeIdAsync(email);

        var response = await session.Client.PostAsync($"{stack.Portal.Url}/notifications/{welcome}/read", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await IsUnreadAsync(welcome));
    }

    [Fact]
    public async Task The_bell_on_every_page_is_wired_for_live_updates()
    {
        using var session = await NotificationSessions.UserAsync(stack, PortalStack.UniqueEmail("bell"));

        var page = await NotificationSessions.PageAsync(session.Client, stack.Portal.Url + "/help/connect");

        var live = page.QuerySelector("[sse-connect]")!;
        Assert.Equal("sse", live.GetAttribute("hx-ext"));
        Assert.Equal("/notifications/stream?shown=1", live.GetAttribute("sse-connect"));
        Assert.Equal("notification-bell-count", live.QuerySelector("[sse-swap=unread]")!.Id);
        Assert.Equal("/notifications", live.QuerySelector("a#notification-bell")!.GetAttribute("href"));
        Assert.Equal("status", live.QuerySelector("#notification-live")!.GetAttribute("role"));
        Assert.Equal("1", live.QuerySelector("#notification-bell [data-testid=unread-count]")!.TextContent);
    }
}
