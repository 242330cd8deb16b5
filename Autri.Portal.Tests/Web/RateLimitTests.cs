namespace Autri.Portal.Tests.Web;

/// <summary>
/// The portal's rate limits with low configured values: sign-in starts per address, token minting and connector
/// changes per user (and per address), OAuth registration and the OAuth token endpoint per address. Two portals share an IdP: one whose sign-in limit the test spends, one
/// whose sign-ins stay free for the tests that need people signed in. Every request here comes from 127.0.0.1.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly int[] _ports = [FreePort.Next(), FreePort.Next()];
    private readonly string _logs = Path.Combine(Path.GetTempPath(), "autri-limits-" + Guid.NewGuid().ToString("N")[..12]);
    private NpgsqlDataSource _db = default!;
    private DevIdentityProvider _idp = default!;
    private PortalInstance _signInLimited = default!;
    private PortalInstance _portal = default!;

    public async Task InitializeAsync()
    {
        var connection = await TestDatabase.NewAsync("limits");
        _db = NpgsqlDataSource.Create(connection);
        await new Migrator(_db).ApplyAsync();
        _idp = await DevIdentityProvider.StartAsync(_ports.Select(p => $"http://127.0.0.1:{p}"));
        _signInLimited = await PortalInstance.StartAsync(_ports[0], connection, _idp.Issuer, _logs, new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerAddress"] = "3",
            ["RateLimits:SignInWindow"] = "01:00:00",
        });
        _portal = await PortalInstance.StartAsync(_ports[1], connection, _idp.Issuer, _logs, new Dictionary<string, string?>
        {
            ["RateLimits:TokenMintPerUser"] = "2",
            ["RateLimits:TokenMintWindow"] = "01:00:00",
            ["RateLimits:ConnectorChangesPerUser"] = "2",
            ["RateLimits:ConnectorChangesWindow"] = "01:00:00",
            ["RateLimits:OAuthTokenPerAddress"] = "2",
            ["RateLimits:OAuthTokenWindow"] = "01:00:00",
            ["OAuth:RegistrationPermitLimit"] = "2",
            ["OAuth:RegistrationWindow"] = "01:00:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _signInLimited.DisposeAsync();
        await _idp.DisposeAsync();
        await _db.DisposeAsync();
        try { Directory.Delete(_logs, recursive: true); } catch (IOException) { }
    }

    private static void AssertLimited(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
    }

    /// <summary>A 429 as an OAuth client reads it: JSON with the error temporarily_unavailable.</summary>
    private static async Task AssertLimitedForOAuthClientsAsync(HttpResponseMessage response)
    {
        AssertLimited(response);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"error\":\"temporarily_unavailable\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_starts_over_the_limit_get_429_with_retry_after_and_a_page_wherever_they_start()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(_signInLimited.Url + "/sign-in")).StatusCode);

        var refused = await client.GetAsync(_signInLimited.Url + "/sign-in?returnUrl=%2Fconnectors");
        // A page that needs a session sends the visitor to /sign-in too, so no path reaches the IdP around the limit.
        var page = await client.GetAsync(_signInLimited.Url + "/connectors");

        AssertLimited(refused);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Too many sign-in attempts", html);
        Assert.StartsWith("text/html", refused.Content.Headers.ContentType!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var signIn = new Uri(new Uri(_signInLimited.Url), page.Headers.Location!);
        Assert.Equal("/sign-in?returnUrl=%2Fconnectors", signIn.PathAndQuery);
        AssertLimited(await client.GetAsync(signIn));
        Assert.Contains("\"event\":\"rate_limited\"", await File.ReadAllTextAsync(Path.Combine(_logs, "portal.jsonl")));
    }

    [Fact]
    public async Task Token_minting_is_limited_per_user_and_another_user_at_the_same_address_still_mints()
    {
        using var alice = await SignInAsync("alice");
        using var bob = await SignInAsync("bob");
        var connector = await alice.CreateConnectorAsync("limited");
        var bobs = await bob.CreateConnectorAsync("not limited");
        var wrong = new Dictionary<string, string> { ["Form.Secret"] = "not-the-secret" };

        var first = await alice.PostAsync($"/connectors/{connector.Id}/token", "mint-token", wrong);
        var second = await alice.PostAsync($"/connectors/{connector.Id}/token", "mint-token", new Dictionary<string, string> { ["Form.Secret"] = connector.Secret });
        var third = await PostWithoutFollowingAsync(alice, $"/connectors/{connector.Id}/token", "mint-token", new() { ["Form.Secret"] = connector.Secret });
        var bobMints = await bob.PostAsync($"/connectors/{bobs.Id}/token", "mint-token", new Dictionary<string, string> { ["Form.Secret"] = bobs.Secret });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        AssertLimited(third);
        Assert.Contains("Too many token requests", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bobMints.Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/connectors/{connector.Id}/token")).Status);
    }

    [Fact]
    public async Task Registration_over_the_limit_gets_a_json_429_with_retry_after()
    {
        using var client = new HttpClient();
        Task<HttpResponseMessage> RegisterAsync() => client.PostAsync(_portal.Url + "/oauth/register", new StringContent(
            """{"client_name":"Limited","redirect_uris":["http://127.0.0.1:53682/callback"],"token_endpoint_auth_method":"none","grant_types":["authorization_code","refresh_token"],"response_types":["code"]}""",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync()).StatusCode);
        var refused = await RegisterAsync();

        await AssertLimitedForOAuthClientsAsync(refused);
    }

    [Fact]
    public async Task Connector_creations_and_key_rotations_share_a_per_user_limit()
    {
        using var carol = await SignInAsync("carol");
        using var dave = await SignInAsync("dave");
        var first = await carol.CreateConnectorAsync("first", "api_key");
        var rotated = await carol.PostAsync($"/connectors/{first.Id}/rotate", "rotate-key", new Dictionary<string, string> { ["Form.Grace"] = "1h" });
        var library = (await carol.GetAsync("/connectors/new")).Document.QuerySelector("#f-library option")!.GetAttribute("value")!;
        var third = "third " + Guid.NewGuid().ToString("N")[..8];

        var create = await PostWithoutFollowingAsync(carol, "/connectors/new", "create-connector",
            new() { ["Form.Name"] = third, ["Form.LibraryId"] = library, ["Form.Kind"] = "api_key", ["Form.Expiry"] = "never" });
        var rotate = await PostWithoutFollowingAsync(carol, $"/connectors/{first.Id}/rotate", "rotate-key", new() { ["Form.Grace"] = "1h" });

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        AssertLimited(create);
        Assert.Contains("Too many connector creations and key rotations", await create.Content.ReadAsStringAsync());
        AssertLimited(rotate);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/connectors/new")).Status);
        await dave.CreateConnectorAsync("second user", "api_key");
        await using var conn = await _db.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM connectors WHERE name = @third", new { third }));
    }

    /// <summary>A form post whose raw response (status, headers) the test reads.</summary>
    private static async Task<HttpResponseMessage> PostWithoutFollowingAsync(PortalSession session, string path, string form, Dictionary<string, string> fields)
    {
        var token = await session.AntiforgeryTokenAsync(path);
        return await session.Client.PostAsync(session.PortalUrl + path,
            new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["_handler"] = form, ["__RequestVerificationToken"] = token }));
    }

    [Fact]
    public async Task The_OAuth_token_endpoint_over_the_limit_gets_a_json_429_before_OpenIddict_reads_the_request()
    {
        using var client = new HttpClient();
        Task<HttpResponseMessage> TokenAsync() => client.PostAsync(_portal.Url + "/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = "guessed-" + Guid.NewGuid().ToString("N"), ["client_id"] = "guessed",
        }));

        // An unknown client: OpenIddict's own answer, until the limit answers first.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync()).StatusCode);
        var refused = await TokenAsync();

        await AssertLimitedForOAuthClientsAsync(refused);
    }

    private async Task<PortalSession> SignInAsync(string who)
    {
        var email = PortalStack.UniqueEmail(who);
        await Features.Auth.SessionRevalidationTests.AllowAsync(_portal, email);
        return await PortalSession.SignInAsync(_portal.Url, email);
    }
}
