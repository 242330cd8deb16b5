using Microsoft.AspNetCore.WebUtilities;

namespace Autri.Portal.Tests.Features.OAuth;

/// <summary>
/// An MCP client's side of the flow, over plain HTTP against the real portal and dev IdP: register, authorize with
/// PKCE S256, sign in at the IdP when asked, consent on the portal's page, exchange the code, refresh, revoke.
/// Redirects to the client's own redirect URI are not followed: they are where the result is read.
/// </summary>
internal sealed class OAuthTestClient : IDisposable
{
    public const string RedirectUri = "http://127.0.0.1:53682/callback";

    private readonly CookieContainer _cookies = new();

    /// <param name="mcpResource">The MCP endpoint the portal issues tokens for (Portal:McpEndpoint).</param>
    public OAuthTestClient(string portalUrl, string mcpResource = "http://127.0.0.1:8000/mcp")
    {
        PortalUrl = portalUrl;
        McpResource = mcpResource;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false, UseCookies = true });
    }

    public string PortalUrl { get; }

    public HttpClient Http { get; }

    public string McpResource { get; }

    public async Task<JsonElement> RegisterAsync(object metadata, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await Http.PostAsync(PortalUrl + "/oauth/register", new StringContent(JsonSerializer.Serialize(metadata), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Registration answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public Task<JsonElement> RegisterPublicAsync(string name = "Test MCP client", params string[] redirectUris) => RegisterAsync(new
    {
        client_name = name,
        redirect_uris = redirectUris.Length > 0 ? redirectUris : [RedirectUri],
        token_endpoint_auth_method = "none",
        grant_types = new[] { "authorization_code", "refresh_token" },
        response_types = new[] { "code" },
    });

    public static Pkce NewPkce()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <param name="resource">The resource asked for; <see cref="McpResource"/> unless given.</param>
    public string AuthorizeUrl(string clientId, Pkce pkce, string state = "xyz", string? redirectUri = RedirectUri, string? resource = null,
        string scope = "mcp.invoke offline_access", string? method = "S256", string? portalUrl = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["scope"] = scope, ["state"] = state,
            ["code_challenge"] = method is null && pkce.Challenge.Length == 0 ? null : pkce.Challenge, ["code_challenge_method"] = method, ["resource"] = resource ?? McpResource,
        };
        return QueryHelpers.AddQueryString((portalUrl ?? PortalUrl) + "/oauth/authorize", query.Where(kv => kv.Value is not null)!);
    }

    /// <summary>
    /// Follows the authorization request through the portal and the IdP's login form (as <paramref name="email"/>) until it
    /// reaches the consent page (returned) or a redirect leaves for the client (returned as <see cref="Step.ClientRedirect"/>).
    /// </summary>
    public async Task<Step> FollowAsync(string url, string? email = null)
    {
        var next = new Uri(url);
        for (var hop = 0; hop < 25; hop++)
        {
            if (IsClientRedirect(next)) return new Step(null, next, null);
            var response = await Http.GetAsync(next);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect)
            {
                next = new Uri(next, response.Headers.Location!);
                continue;
            }
            var html = await response.Content.ReadAsStringAsync();
            if (!next.AbsoluteUri.StartsWith(PortalUrl, StringComparison.Ordinal) && await HttpSignIn.AnswerLoginFormAsync(Http, next, html, email) is { } afterLogin)
            {
                next = afterLogin;
                continue;
            }
            return new Step(response, next, html);
        }
        throw new InvalidOperationException("Too many redirects");
    }

    /// <summary>Posts the consent form of <paramref name="consent"/> with the given decision; returns the redirect to the client.</summary>
    public async Task<Uri> DecideAsync(Step consent, string decision = "allow", Action<Dictionary<string, string>>? change = null)
    {
        var document = new HtmlParser().ParseDocument(consent.Html!);
        var form = document.QuerySelector("form[action='/oauth/authorize/decide']") ?? throw new InvalidOperationException("No consent form on " + consent.Url);
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input"))
        {
            var name = input.GetAttribute("name");
            if (name is null || (input.GetAttribute("type") == "radio" && !input.HasAttribute("checked"))) continue;
            fields[name] = input.GetAttribute("value") ?? "";
        }
        if (form.QuerySelector("select[name=library] option")?.GetAttribute("value") is { } library) fields["library"] = library;
        fields["decision"] = decision;
        change?.Invoke(fields);
        var response = await Http.PostAsync(PortalUrl + "/oauth/authorize/decide", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The decision answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    public async Task<TokenResponse> TokenAsync(Dictionary<string, string> form, string? basicAuth = null, string? portalUrl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, (portalUrl ?? PortalUrl) + "/oauth/token") { Content = new FormUrlEncodedContent(form) };
        if (basicAuth is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basicAuth);
        var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new TokenResponse(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public Task<TokenResponse> ExchangeAsync(string clientId, string code, Pkce pkce, string? secret = null, string? portalUrl = null, string redirectUri = RedirectUri)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["client_id"] = clientId,
            ["code_verifier"] = pkce.Verifier, ["resource"] = McpResource,
        };
        if (secret is not null) form["client_secret"] = secret;
        return TokenAsync(form, portalUrl: portalUrl);
    }

    public Task<TokenResponse> RefreshAsync(string clientId, string refreshToken, string? secret = null, string? portalUrl = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = clientId };
        if (secret is not null) form["client_secret"] = secret;
        return TokenAsync(form, portalUrl: portalUrl);
    }

    /// <summary>Signed in as <paramref name="email"/>: authorize, consent (allow, first library), exchange. Returns the tokens and the code's redirect.</summary>
    public async Task<(TokenResponse Tokens, Uri Redirect)> ConnectAsync(string clientId, string email, string? secret = null)
    {
        var pkce = NewPkce();
        var consent = await FollowAsync(AuthorizeUrl(clientId, pkce), email);
        Assert.True(consent.IsConsentPage, "Expected the consent page, got " + consent.Describe());
        var redirect = await DecideAsync(consent);
        var code = Query(redirect)["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code), "No code in " + redirect);
        var tokens = await ExchangeAsync(clientId, code, pkce, secret);
        Assert.True(tokens.Status == HttpStatusCode.OK, "Token exchange failed: " + tokens.Json);
        return (tokens, redirect);
    }

    public static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query(Uri uri) => QueryHelpers.ParseQuery(uri.Query);

    private static bool IsClientRedirect(Uri uri) => uri.AbsoluteUri.StartsWith(RedirectUri, StringComparison.Ordinal)
        || uri.AbsolutePath is "/callback" or "/oauth/callback";

    public void Dispose() => Http.Dispose();

    public sealed record Pkce(string Verifier, string Challenge);

    public sealed record TokenResponse(HttpStatusCode Status, JsonElement Json)
    {
        public string? Get(string name) => Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        public string AccessToken => Get("access_token") ?? throw new InvalidOperationException("No access_token in " + Json);

        public string RefreshToken => Get("refresh_token") ?? throw new InvalidOperationException("No refresh_token in " + Json);

        public string? Error => Get("error");
    }

    /// <summary>Where a followed request stopped: a page (<see cref="Response"/> and <see cref="Html"/>) or a redirect to the client.</summary>
    public sealed record Step(HttpResponseMessage? Response, Uri Url, string? Html)
    {
        public bool IsClientRedirect => Response is null;

        public bool IsConsentPage => Response?.StatusCode == HttpStatusCode.OK && Url.AbsolutePath == "/oauth/authorize" && Html!.Contains("/oauth/authorize/decide");

        /// <summary>The OAuth error: from the redirect's query, or from the body OpenIddict answers locally ("error:…" lines).</summary>
        public string? Error => IsClientRedirect
            ? Query(Url).TryGetValue("error", out var e) ? e.ToString() : null
            : Regex.Match(Html ?? "", "^error:(.+)$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

        public string Describe() => IsClientRedirect ? "a redirect to " + Url : $"{(int)Response!.StatusCode} at {Url}: {Html?[..Math.Min(Html.Length, 600)]}";
    }
}
