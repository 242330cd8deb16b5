namespace Autri.Portal.Tests.Features.Notifications;

/// <summary>Signed-in people for notification tests, and the admin's broadcast form driven over HTTP.</summary>
internal static class NotificationSessions
{
    public const string AdminEmail = "admin@autri.test";

    public static Task<PortalSession> UserAsync(PortalStack stack, string email) => stack.SignInAsync(email);

    /// <summary>The demo admin from dev/idp/accounts.json (group "admins"); admins pass the allowlist.</summary>
    public static Task<PortalSession> AdminAsync(PortalStack stack) => PortalSession.SignInAsync(stack.Portal.Url, AdminEmail);

    public static async Task<Guid> UserIdAsync(PortalStack stack, string email)
    {
        await using var conn = await stack.Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<Guid>("SELECT id FROM users WHERE email = @email", new { email });
    }

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Fills the broadcast form as a browser would: its hidden fields (antiforgery, form name) plus ours.</summary>
    public static async Task<HttpResponseMessage> BroadcastAsync(HttpClient client, string portalUrl, IDictionary<string, string> fields, bool withAntiforgery = true)
    {
        var page = await PageAsync(client, portalUrl + "/admin/notifications");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector("[name='Input.Title']") is not null);
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(i => withAntiforgery || i.Name != "__RequestVerificationToken")
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (k, v) in fields) values[k] = v;
        return await client.PostAsync(portalUrl + "/admin/notifications", new FormUrlEncodedContent(values));
    }

    public static Task<HttpResponseMessage> BroadcastToAsync(HttpClient admin, string portalUrl, string email, string title, string? link = null) =>
        BroadcastAsync(admin, portalUrl, new Dictionary<string, string>
        {
            ["Input.Audience"] = "email",
            ["Input.Email"] = email,
            ["Input.Title"] = title,
            ["Input.Body"] = "Sent by a test",
            ["Input.Link"] = link ?? "",
        });

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        var page = await PageAsync(client, url);
        return page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"{url} has no antiforgery token");
    }
}
