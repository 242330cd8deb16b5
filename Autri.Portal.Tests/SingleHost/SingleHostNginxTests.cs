namespace Autri.Portal.Tests.SingleHost;

/// <summary>The portal and the MCP server reached as people and assistants reach them on one server: through nginx.</summary>
[Collection(SingleHostCollection.Name)]
public class SingleHostNginxTests(SingleHostStack stack)
{
    private const string AdminEmail = DevIdentityProvider.AdminEmail;

    [Fact]
    public async Task Nginx_accepts_the_generated_configuration()
    {
        var (exitCode, _, error) = await NginxProcess.TestAsync(stack.NginxPrefix);

        Assert.True(exitCode == 0, error);
        Assert.Contains("test is successful", error);
    }

    [Fact]
    public async Task Sign_in_through_nginx_lands_on_the_dashboard_with_secure_host_prefixed_cookies()
    {
        using var admin = await stack.SignInAsync(AdminEmail);

        var dashboard = await admin.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        var session = admin.Cookies.GetCookies(new Uri(stack.PortalUrl)).Single(c => c.Name == "__Host-autri.session");
        Assert.True(session.Secure);
        Assert.True(session.HttpOnly);
        Assert.Equal("/", session.Path);
    }

    [Fact]
    public async Task Forwarded_headers_give_the_public_https_urls()
    {
        using var http = stack.Client();

        // The OIDC redirect_uri is built from the request: scheme from X-Forwarded-Proto, name and port from Host.
        var challenge = await http.GetAsync(stack.PortalUrl + "/sign-in");
        Assert.StartsWith(stack.Idp.Issuer, challenge.Headers.Location!.ToString());
        var query = System.Web.HttpUtility.ParseQueryString(challenge.Headers.Location.Query);
        Assert.Equal(stack.PortalUrl + "/signin-oidc", query["redirect_uri"]);

        var metadata = await http.GetFromJsonAsync<JsonElement>(stack.PortalUrl + "/.well-known/oauth-authorization-server");
        Assert.Equal(stack.PortalUrl, metadata.GetProperty("issuer").GetString());
        Assert.Equal(stack.PortalUrl + "/oauth/authorize", metadata.GetProperty("authorization_endpoint").GetString());

        var anonymous = await http.PostAsync(stack.McpUrl + "/mcp", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains($"resource_metadata=\"{stack.McpUrl}/.well-known/oauth-protected-resource/mcp\"", anonymous.Headers.WwwAuthenticate.ToString());
        var resource = await http.GetFromJsonAsync<JsonElement>(stack.McpUrl + "/.well-known/oauth-protected-resource/mcp");
        Assert.Equal(stack.McpUrl + "/mcp", resource.GetProperty("resource").GetString());
        Assert.Equal(stack.PortalUrl, resource.GetProperty("authorization_servers")[0].GetString());

        var home = await http.GetAsync(stack.PortalUrl + "/healthz");
        Assert.Contains("max-age=", home.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Plain_http_redirects_to_https_and_other_names_get_nothing()
    {
        using var http = stack.Client();

        var plain = await http.GetAsync($"http://{SingleHostStack.McpHost}:{stack.HttpPort}/mcp?x=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, plain.StatusCode);
        Assert.Equal(stack.McpUrl + "/mcp?x=1", plain.Headers.Location!.ToString());

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"https://other.autri.test:{stack.HttpsPort}/"));
    }

    [Fact]
    public async Task A_notification_reaches_a_stream_open_through_nginx_before_a_one_second_wait_ends()
    {
        using var admin = await stack.SignInAsync(AdminEmail);
        using var events = await ServerSentEvents.OpenAsync(admin.Client, stack.PortalUrl + "/notifications/stream");
        var first = await events.NextAsync();
        Assert.Equal("unread", first.Name);

        var title = "Through nginx " + Guid.NewGuid().ToString("N")[..8];
        var post = await NotificationSessions.BroadcastToAsync(admin.Client, stack.PortalUrl, AdminEmail, title);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);

        // Buffered by the proxy, the event would sit in nginx until its buffer filled or the stream ended.
        var update = await events.NextAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("unread", update.Name);
        Assert.NotEqual(first.Id, update.Id);
    }

    [Fact]
    public async Task An_mcp_tool_call_with_an_api_key_answers_through_nginx()
    {
        using var admin = await stack.SignInAsync(AdminEmail);
        var key = await admin.CreateConnectorAsync("Through nginx", kind: "api_key");
        using var http = stack.Client();

        using var request = new HttpRequestMessage(HttpMethod.Post, stack.McpUrl + "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search_documents","arguments":{"query":"anything"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        using var response = await http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var data = body.Split('\n').Single(l => l.StartsWith("data:", StringComparison.Ordinal))[5..];
        var result = JsonDocument.Parse(data).RootElement.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), data);
    }
}
