namespace Autri.Portal.Tests.Features.Auth;

/// <summary>
/// Groups and account state are read at sign-in, then re-validated against the IdP (here the dev IdP's account-state
/// API) once a session's last check is older than Identity:RevalidateInterval. Each test runs its own IdP and portal
/// with a one-second interval, so waiting that long is enough for the next request to be re-validated.
/// </summary>
public sealed class SessionRevalidationTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly string _logs = Path.Combine(Path.GetTempPath(), "autri-revalidate-" + Guid.NewGuid().ToString("N")[..12]);
    private string _connection = "";
    private NpgsqlDataSource _db = default!;

    public async Task InitializeAsync()
    {
        _connection = await TestDatabase.NewAsync("revalidate");
        _db = NpgsqlDataSource.Create(_connection);
        await new Migrator(_db).ApplyAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        try { Directory.Delete(_logs, recursive: true); } catch (IOException) { }
    }

    private sealed record Stack(DevIdentityProvider Idp, PortalInstance Portal) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Portal.DisposeAsync();
            await Idp.DisposeAsync();
        }
    }

    private async Task<Stack> StartAsync(TimeSpan? grace = null, string? accountStates = null)
    {
        var port = FreePort.Next();
        var idp = await DevIdentityProvider.StartAsync([$"http://127.0.0.1:{port}"]);
        var portal = await PortalInstance.StartAsync(port, _connection, idp.Issuer, _logs, new Dictionary<string, string?>
        {
            ["Identity:RevalidateInterval"] = Interval.ToString(),
            ["Identity:RevalidateGrace"] = (grace ?? TimeSpan.FromHours(1)).ToString(),
            ["Identity:AccountStates"] = accountStates,
        });
        return new Stack(idp, portal);
    }

    internal static async Task AllowAsync(PortalInstance portal, string email)
    {
        var store = portal.Services.GetRequiredService<IParameterStore>();
        var name = portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Autri.Portal.Configuration.PortalOptions>>().Value.AllowlistParameter;
        BetaAllowlist current;
        try { current = BetaAllowlist.FromParameterValue((await store.GetAsync(name)).Value); }
        catch (ParameterStoreException ex) when (ex.IsNotFound) { current = BetaAllowlist.Empty; }
        var next = BetaAllowlist.FromEmails(current.Sorted.Append(email));
        await store.PutAsync(new PutParameter(name, next.ToParameterValue(), ParameterType.StringList, Overwrite: true, "test"));
        portal.Services.GetRequiredService<AllowlistReader>().Invalidate();
    }

    private static async Task<HttpSignIn> SignInAsync(Stack stack, string email)
    {
        var browser = new HttpSignIn();
        Assert.Equal("/", await browser.SignInAsync(stack.Portal.Url, email));
        return browser;
    }

    /// <summary>Signed out: the page answers with the way in, the portal's /sign-in (every challenge goes there), not the page.</summary>
    private static void AssertSentToSignIn(HttpResponseMessage page)
    {
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = page.Headers.Location!;
        Assert.Equal("/sign-in", (location.IsAbsoluteUri ? location : new Uri(new Uri("http://portal"), location)).AbsolutePath);
    }

    private string Log() => File.ReadAllText(Path.Combine(_logs, "portal.jsonl"));

    [Fact]
    public async Task An_admin_removed_from_the_group_loses_the_admin_pages_at_the_next_check_and_keeps_a_beta_session()
    {
        await using var stack = await StartAsync();
        var email = PortalStack.UniqueEmail("demoted");
        await AllowAsync(stack.Portal, email);
        await stack.Idp.SetAccountAsync(email, new { groups = new[] { "admins" } });
        using var browser = await SignInAsync(stack, email);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(stack.Portal.Url + "/admin")).StatusCode);

        await stack.Idp.SetAccountAsync(email, new { groups = Array.Empty<string>() });
        await Task.Delay(Interval);
        var admin = await browser.Client.GetAsync(stack.Portal.Url + "/admin");

        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Contains(admin.Headers.GetValues("Set-Cookie"), c => c.StartsWith("autri.session=", StringComparison.Ordinal) || c.StartsWith("__Host-autri.session=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(stack.Portal.Url + "/connectors")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Client.GetAsync(stack.Portal.Url + "/admin/users")).StatusCode);
        Assert.Contains("\"event\":\"session_roles_changed\"", Log());
    }

    [Fact]
    public async Task An_admin_not_on_the_allowlist_who_is_demoted_is_no_longer_let_past_it_and_their_connectors_are_suspended()
    {
        await using var stack = await StartAsync();
        await AllowAsync(stack.Portal, PortalStack.UniqueEmail("someone"));
        var email = PortalStack.UniqueEmail("exadmin");
        await stack.Idp.SetAccountAsync(email, new { groups = new[] { "admins" } });
        using var browser = await SignInAsync(stack, email);

        await stack.Idp.SetAccountAsync(email, new { groups = Array.Empty<string>() });
        await Task.Delay(Interval);
        var page = await browser.Client.GetAsync(stack.Portal.Url + "/connectors");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/not-invited", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync(stack.Portal.Url + "/connectors")).StatusCode);
        // The roster follows the IdP's groups, so the allowlist mirror no longer exempts them: their connectors are suspended.
        await using var conn = await _db.OpenConnectionAsync();
        Assert.False(await conn.ExecuteScalarAsync<bool>("SELECT is_admin FROM users WHERE email = @email", new { email }));
        await stack.Portal.Services.GetRequiredService<AllowlistMirror>().RefreshAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM suspended_owners s JOIN users u ON u.id = s.user_id WHERE u.email = @email", new { email }));
    }

    [Fact]
    public async Task A_disabled_user_is_signed_out_at_the_next_check_and_cannot_sign_in_again()
    {
        await using var stack = await StartAsync();
        var email = PortalStack.UniqueEmail("disabled");
        await AllowAsync(stack.Portal, email);
        using var browser = await SignInAsync(stack, email);

        await stack.Idp.SetAccountAsync(email, new { enabled = false });
        await Task.Delay(Interval);
        var page = await browser.Client.GetAsync(stack.Portal.Url + "/connectors");

        AssertSentToSignIn(page);
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.Contains("autri.session=;", StringComparison.Ordinal));
        Assert.Contains("\"reason\":\"disabled\"", Log());
        await Assert.ThrowsAsync<InvalidOperationException>(() => new HttpSignIn().SignInAsync(stack.Portal.Url, email));
    }

    [Fact]
    public async Task With_the_identity_provider_unreachable_sessions_continue_with_the_roles_last_confirmed()
    {
        var stack = await StartAsync(grace: TimeSpan.FromHours(1));
        await using var portal = stack.Portal;
        var email = PortalStack.UniqueEmail("outage");
        await stack.Idp.SetAccountAsync(email, new { groups = new[] { "admins" } });
        using var browser = await SignInAsync(stack, email);

        await stack.Idp.DisposeAsync();
        await Task.Delay(Interval);
        var admin = await browser.Client.GetAsync(stack.Portal.Url + "/admin");

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("\"event\":\"session_revalidation_failed\"", Log());
    }

    [Fact]
    public async Task With_the_identity_provider_unreachable_past_the_grace_the_session_ends()
    {
        var grace = TimeSpan.FromSeconds(1);
        var stack = await StartAsync(grace);
        await using var portal = stack.Portal;
        var email = PortalStack.UniqueEmail("longoutage");
        await AllowAsync(stack.Portal, email);
        using var browser = await SignInAsync(stack, email);

        await stack.Idp.DisposeAsync();
        await Task.Delay(Interval + grace);
        var page = await browser.Client.GetAsync(stack.Portal.Url + "/connectors");

        AssertSentToSignIn(page);
        Assert.Contains("\"reason\":\"revalidation_unavailable\"", Log());
    }

    [Fact]
    public async Task Without_an_account_state_source_the_identity_provider_is_not_asked_and_the_roles_hold()
    {
        await using var stack = await StartAsync(grace: TimeSpan.FromHours(1), accountStates: "None");
        var email = PortalStack.UniqueEmail("noapi");
        await stack.Idp.SetAccountAsync(email, new { groups = new[] { "admins" } });
        using var browser = await SignInAsync(stack, email);

        await stack.Idp.SetAccountAsync(email, new { enabled = false });
        await Task.Delay(Interval);
        var admin = await browser.Client.GetAsync(stack.Portal.Url + "/admin");

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.DoesNotContain("session_revalidation_failed", Log());
        Assert.DoesNotContain("\"event\":\"session_ended\"", Log());
    }

    [Fact]
    public async Task Without_an_account_state_source_a_session_ends_after_interval_and_grace_and_signing_in_again_reads_the_groups()
    {
        var grace = TimeSpan.FromSeconds(1);
        await using var stack = await StartAsync(grace, accountStates: "None");
        var email = PortalStack.UniqueEmail("reauth");
        await stack.Idp.SetAccountAsync(email, new { groups = new[] { "admins" } });
        using var browser = await SignInAsync(stack, email);

        await stack.Idp.SetAccountAsync(email, new { groups = Array.Empty<string>() });
        await AllowAsync(stack.Portal, email);
        await Task.Delay(Interval + grace);
        AssertSentToSignIn(await browser.Client.GetAsync(stack.Portal.Url + "/admin"));
        Assert.Contains("\"reason\":\"reauthentication_required\"", Log());

        using var again = await SignInAsync(stack, email);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.Client.GetAsync(stack.Portal.Url + "/admin")).StatusCode);
    }
}
