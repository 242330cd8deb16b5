using Autri.Infra.Logging;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Autri.Portal.Tests.Web;

/// <summary>What anonymous probes reveal, cookie names, request size limits and emails in logs (issue 12, item 12).</summary>
[Collection(PortalCollection.Name)]
public class HygieneTests(PortalStack stack)
{
    [Fact]
    public async Task Readyz_says_not_ready_without_naming_migrations_and_the_log_names_them()
    {
        var connection = await TestDatabase.NewAsync("readyz");
        await using (var db = NpgsqlDataSource.Create(connection)) await new Migrator(db).ApplyAsync();
        var logs = Path.Combine(Path.GetTempPath(), "autri-readyz-" + Guid.NewGuid().ToString("N")[..8]);
        await using var portal = await PortalInstance.StartAsync(FreePort.Next(), connection, stack.Idp.Issuer, logs);
        string pending;
        await using (var db = NpgsqlDataSource.Create(connection))
        await using (var conn = await db.OpenConnectionAsync())
            pending = await conn.QuerySingleAsync<string>("DELETE FROM schema_migrations WHERE name = (SELECT max(name) FROM schema_migrations) RETURNING name");
        using var http = new HttpClient();

        var ready = await http.GetAsync(portal.Url + "/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("not ready", await ready.Content.ReadAsStringAsync());
        await portal.DisposeAsync();
        var log = await File.ReadAllTextAsync(Path.Combine(logs, "portal.jsonl"));
        Assert.Contains("\"event\":\"not_ready\"", log);
        Assert.Contains(pending, log);
    }

    [Fact]
    public async Task On_https_the_session_and_antiforgery_cookies_take_the_Host_prefix()
    {
        await using var portal = await PortalInstance.StartAsync(FreePort.Next(), stack.ConnectionString, stack.Idp.Issuer, stack.LogsDirectory,
            new Dictionary<string, string?> { ["Portal:PublicUrl"] = "https://portal.autri.test" });

        var session = portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie;
        var antiforgery = portal.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie;

        foreach (var (cookie, name) in new[] { (session, "__Host-autri.session"), (antiforgery, "__Host-autri.antiforgery") })
        {
            Assert.Equal(name, cookie.Name);
            Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
            Assert.Equal("/", cookie.Path);
            Assert.Null(cookie.Domain);
        }
        var local = stack.Portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie;
        Assert.Equal("autri.session", local.Name);
    }

    // Just over the limit, and three times it: both are read to their end, so the client is never cut off mid-send
    // (once a flaky "broken pipe" here, when the portal refused at once and closed the connection).
    [Theory]
    [InlineData(1024 * 1024 + 1)]
    [InlineData(3 * 1024 * 1024)]
    public async Task An_oversized_post_gets_413_and_a_page_and_nothing_is_written(int bodyChars)
    {
        using var admin = await NotificationSessions.AdminAsync(stack);
        var title = "Oversized " + Guid.NewGuid().ToString("N")[..8];

        var post = await NotificationSessions.BroadcastAsync(admin.Client, stack.Portal.Url, new Dictionary<string, string>
        {
            ["Input.Audience"] = "everyone", ["Input.Title"] = title, ["Input.Body"] = new string('x', bodyChars), ["Input.Link"] = "",
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, post.StatusCode);
        Assert.Contains("larger than the portal accepts", await post.Content.ReadAsStringAsync());
        await using var conn = await stack.Db.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM notifications WHERE title = @title", new { title }));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/notifications")).Status);
    }

    [Fact]
    public async Task Sign_ins_broadcasts_and_allowlist_saves_write_no_email_to_the_logs()
    {
        var invited = PortalStack.UniqueEmail("logscan");
        var refused = PortalStack.UniqueEmail("logrefused");
        using (var user = await stack.SignInAsync(invited)) Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/connectors")).Status);
        using (var outsider = new HttpSignIn()) Assert.Equal("/not-invited", await outsider.SignInAsync(stack.Portal.Url, refused));
        using var admin = await NotificationSessions.AdminAsync(stack);
        var title = "Log scan " + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await NotificationSessions.BroadcastToAsync(admin.Client, stack.Portal.Url, invited, title)).StatusCode);
        var editor = stack.Portal.Services.GetRequiredService<AllowlistEditor>();
        var current = (await editor.LoadAsync())!;
        var saved = await editor.SaveAsync(new AllowlistSave(BetaAllowlist.FromEmails(current.List.Sorted.Append(refused)), current.Version, NotificationSessions.AdminEmail, "log scan"));
        Assert.IsType<SaveOutcome.Saved>(saved);

        // The file logger writes from a queue: wait (generously, machines are busy) until the last lines have landed.
        string[] expected = [$"\"email_hash\":\"{EmailHash.Of(refused)}\"", $"\"actor_hash\":\"{EmailHash.Of(NotificationSessions.AdminEmail)}\""];
        var log = "";
        for (var i = 0; i < 300 && !expected.All(log.Contains); i++)
        {
            if (i > 0) await Task.Delay(100);
            await using var file = new FileStream(Path.Combine(stack.LogsDirectory, "portal.jsonl"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            log = await new StreamReader(file).ReadToEndAsync();
        }

        foreach (var email in new[] { invited, refused, NotificationSessions.AdminEmail })
            Assert.DoesNotContain(email, log, StringComparison.OrdinalIgnoreCase);
        Assert.All(expected, line => Assert.Contains(line, log));
    }
}
