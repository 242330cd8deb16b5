namespace Autri.Portal.Tests.Features.Notifications;

[Collection(PortalCollection.Name)]
public class BroadcastPageTests(PortalStack stack)
{
    private async Task<int> CountAsync(string sql, object args)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>(sql, args);
    }

    [Fact]
    public async Task A_broadcast_to_one_email_reaches_that_person_and_the_page_says_how_many_got_it()
    {
        var email = PortalStack.UniqueEmail("one");
        using var user = await NotificationSessions.UserAsync(stack, email);
        using var admin = await NotificationSessions.AdminAsync(stack);
        var title = "Heads-up " + Guid.NewGuid().ToString("N")[..8];

        var post = await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, email.ToUpperInvariant(), title, "/help/connect");

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(stack.Portal.Url, post.Headers.Location!.GetLeftPart(UriPartial.Authority));
        var location = post.Headers.Location.PathAndQuery;
        Assert.Matches(@"^/admin/notifications\?sent=\d+$", location);
        var confirmation = await NotificationSessions.PageAsync(admin.Client, stack.Portal.Url + location);
        Assert.Equal($"“{title}” was sent to 1 recipient ({email}).", confirmation.QuerySelector("[data-testid=broadcast-sent]")!.TextContent.Trim());
        Assert.Contains(title, confirmation.QuerySelector("table")!.TextContent);
        var inbox = await NotificationSessions.PageAsync(user.Client, stack.Portal.Url + "/notifications");
        var item = inbox.QuerySelectorAll("li").Single(li => li.TextContent.Contains(title));
        Assert.Equal("/help/connect", item.QuerySelector<IHtmlAnchorElement>("a")!.GetAttribute("href"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM notifications WHERE title = @title", new { title }));
    }

    [Fact]
    public async Task The_broadcast_is_audited_with_actor_audience_title_and_count()
    {
        var email = PortalStack.UniqueEmail("audit");
        using var user = await NotificationSessions.UserAsync(stack, email);
        using var admin = await NotificationSessions.AdminAsync(stack);
        var title = "Audited " + Guid.NewGuid().ToString("N")[..8];

        await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, email, title);

        await using var conn = await stack.Db.OpenConnectionAsync();
        var audit = await conn.QuerySingleAsync<(string Actor, string Target, string Title, int Count, string Audience)>("""
            SELECT actor, target, details->>'title', (details->>'count')::int, details->>'audience'
            FROM audit_events WHERE action = 'notification.broadcast' AND details->>'title' = @title
            """, new { title });
        Assert.Equal((NotificationSessions.AdminEmail, email, title, 1, email), audit);
    }

    [Fact]
    public async Task A_broadcast_to_everyone_reaches_every_account_in_one_go()
    {
        using var user = await NotificationSessions.UserAsync(stack, PortalStack.UniqueEmail("all"));
        using var admin = await NotificationSessions.AdminAsync(stack);
        var title = "Everyone " + Guid.NewGuid().ToString("N")[..8];
        var accounts = await CountAsync("SELECT count(*) FROM users", new { });

        var post = await NotificationSessions.BroadcastAsync(admin.Client, stack.Portal.Url, new Dictionary<string, string>
        {
            ["Input.Audience"] = "everyone",
            ["Input.Title"] = title,
            ["Input.Body"] = "Planned maintenance",
        });

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var confirmation = await NotificationSessions.PageAsync(admin.Client, stack.Portal.Url + post.Headers.Location!.PathAndQuery);
        Assert.Contains($"was sent to {accounts} recipients (everyone)", confirmation.QuerySelector("[data-testid=broadcast-sent]")!.TextContent);
        Assert.Equal(accounts, await CountAsync("SELECT count(DISTINCT user_id) FROM notifications WHERE title = @title", new { title }));
        Assert.Equal(1, await CountAsync("SELECT count(DISTINCT created_at) FROM notifications WHERE title = @title", new { title }));
    }

    [Fact]
    public async Task An_unknown_email_is_refused_next_to_the_field_and_nothing_is_written()
    {
        using var admin = await NotificationSessions.AdminAsync(stack);
        var title = "Lost " + Guid.NewGuid().ToString("N")[..8];
        var nobody = PortalStack.UniqueEmail("nobody");

        var post = await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, nobody, title);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var page = new HtmlParser().ParseDocument(await post.Content.ReadAsStringAsync());
        Assert.StartsWith($"No account uses {nobody}.", page.GetElementById("broadcast-email-error")!.TextContent);
        Assert.Equal("broadcast-email-error", page.GetElementById("broadcast-email")!.GetAttribute("aria-describedby"));
        Assert.Equal(title, page.QuerySelector<IHtmlInputElement>("#broadcast-title")!.Value);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM notifications WHERE title = @title", new { title }));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM audit_events WHERE details->>'title' = @title", new { title }));
    }

    [Fact]
    public async Task A_script_link_is_refused_and_the_admins_input_is_kept()
    {
        using var admin = await NotificationSessions.AdminAsync(stack);
        var title = "Tricky " + Guid.NewGuid().ToString("N")[..8];

        var post = await NotificationSessions.BroadcastAsync(admin.Client, stack.Portal.Url, new Dictionary<string, string>
        {
            ["Input.Audience"] = "everyone",
            ["Input.Title"] = title,
            ["Input.Body"] = "Line one\r\nLine two",
            ["Input.Link"] = "javascript:alert(document.cookie)",
        });

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var page = new HtmlParser().ParseDocument(await post.Content.ReadAsStringAsync());
        Assert.Contains("javascript: scheme", page.GetElementById("broadcast-link-error")!.TextContent);
        var link = page.QuerySelector<IHtmlInputElement>("#broadcast-link")!;
        Assert.Equal("javascript:alert(document.cookie)", link.Value);
        Assert.Equal("true", link.GetAttribute("aria-invalid"));
        Assert.Contains("is-invalid", link.ClassList);
        Assert.Equal(title, page.QuerySelector<IHtmlInputElement>("#broadcast-title")!.Value);
        Assert.Equal("Line one\nLine two", page.QuerySelector<IHtmlTextAreaElement>("#broadcast-body")!.Value.ReplaceLineEndings("\n"));
        Assert.True(page.QuerySelector<IHtmlInputElement>("#audience-everyone")!.IsChecked);
        Assert.Null(page.GetElementById("broadcast-title-error"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM notifications WHERE title = @title", new { title }));
    }

    [Fact]
    public async Task Links_to_other_sites_and_empty_titles_are_each_reported_on_their_field()
    {
        using var admin = await NotificationSessions.AdminAsync(stack);

        var post = await NotificationSessions.BroadcastAsync(admin.Client, stack.Portal.Url, new Dictionary<string, string>
        {
            ["Input.Audience"] = "email",
            ["Input.Email"] = "",
            ["Input.Title"] = "  ",
            ["Input.Link"] = "//evil.com/login",
        });

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var page = new HtmlParser().ParseDocument(await post.Content.ReadAsStringAsync());
        Assert.Equal("Enter a title.", page.GetElementById("broadcast-title-error")!.TextContent.Trim());
        Assert.Equal("Enter the email of the person to notify.", page.GetElementById("broadcast-email-error")!.TextContent.Trim());
        Assert.Contains("starts with //", page.GetElementById("broadcast-link-error")!.TextContent);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#audience-email")!.IsChecked);
    }

    [Fact]
    public async Task A_signed_in_non_admin_posting_to_the_broadcast_page_gets_403_and_nothing_is_sent()
    {
        var email = PortalStack.UniqueEmail("sneaky");
        using var user = await NotificationSessions.UserAsync(stack, email);
        var token = await NotificationSessions.AntiforgeryTokenAsync(user.Client, stack.Portal.Url + "/notifications");
        var title = "Forged " + Guid.NewGuid().ToString("N")[..8];

        var post = await user.Client.PostAsync(stack.Portal.Url + "/admin/notifications", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "broadcast",
            ["Input.Audience"] = "everyone",
            ["Input.Title"] = title,
        }));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.GetAsync(stack.Portal.Url + "/admin/notifications")).StatusCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM notifications WHERE title = @title", new { title }));
    }

    [Fact]
    public async Task A_broadcast_without_an_antiforgery_token_is_refused_with_400()
    {
        using var admin = await NotificationSessions.AdminAsync(stack);
        var title = "No token " + Guid.NewGuid().ToString("N")[..8];

        var post = await NotificationSessions.BroadcastAsync(admin.Client, stack.Portal.Url, new Dictionary<string, string>
        {
            ["Input.Audience"] = "everyone",
            ["Input.Title"] = title,
        }, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        // Refused by the framework before the page ran, not by the page's own validation (which re-renders the form).
        var body = await post.Content.ReadAsStringAsync();
        Assert.DoesNotContain("broadcast-title", body);
        Assert.Contains("The request could not be accepted", body);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM notifications WHERE title = @title", new { title }));
    }

    [Fact]
    public async Task The_form_names_the_allowed_link_hosts_and_posts_to_itself_with_a_token()
    {
        using var admin = await NotificationSessions.AdminAsync(stack);

        var page = await NotificationSessions.PageAsync(admin.Client, stack.Portal.Url + "/admin/notifications");

        Assert.Contains("https:// address on 127.0.0.1", page.GetElementById("broadcast-link-help")!.TextContent);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector("#broadcast-title") is not null);
        Assert.Equal("post", form.Method);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("120", page.GetElementById("broadcast-title")!.GetAttribute("maxlength"));
    }
}
