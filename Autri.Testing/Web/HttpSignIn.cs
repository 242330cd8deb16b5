using System.Text.RegularExpressions;
using Autri.Testing;

namespace Autri.Testing.Web;

/// <summary>
/// Signs in through the real dev IdP with plain HTTP (cookies kept, redirects followed by hand), for tests
/// that need many sign-ins or need to tamper with the callback. The browser tests do the same with Chromium.
/// </summary>
public sealed partial class HttpSignIn : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public HttpSignIn()
    {
        Client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false, UseCookies = true });
    }

    /// <summary>Over a handler of the test's (say, one that reaches public names through a local nginx and trusts its certificate).</summary>
    public HttpSignIn(SocketsHttpHandler handler)
    {
        handler.CookieContainer = _cookies;
        handler.UseCookies = true;
        handler.AllowAutoRedirect = false;
        Client = new HttpClient(handler);
    }

    public HttpClient Client { get; }

    public CookieContainer Cookies => _cookies;

    /// <summary>Starts at the portal's /sign-in (or <paramref name="startPath"/>) and stops at the portal's callback URL (not yet requested).</summary>
    public async Task<Uri> SignInAtIdpAsync(string portalUrl, string email, string password = DevIdentityProvider.Password, string startPath = "/sign-in")
    {
        var next = new Uri(portalUrl + startPath);
        for (var hop = 0; hop < 20; hop++)
        {
            if (next.AbsolutePath == "/signin-oidc" && next.Port == new Uri(portalUrl).Port) return next;
            var response = await Client.GetAsync(next);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect)
            {
                next = new Uri(next, response.Headers.Location!);
                continue;
            }
            var html = await response.Content.ReadAsStringAsync();
            next = await AnswerLoginFormAsync(Client, next, html, email, password)
                ?? throw new InvalidOperationException($"Expected the IdP login form at {next}, got {(int)response.StatusCode}: {html[..Math.Min(500, html.Length)]}");
        }
        throw new InvalidOperationException("Too many redirects while signing in");
    }

    /// <summary>
    /// Answers the dev IdP's login form in <paramref name="html"/> (the page at <paramref name="page"/>) as
    /// <paramref name="email"/>; returns where the IdP sends the browser next, or null when the page has no login form.
    /// </summary>
    public static async Task<Uri?> AnswerLoginFormAsync(HttpClient http, Uri page, string html, string? email, string password = DevIdentityProvider.Password)
    {
        var action = FormAction().Match(html);
        if (!action.Success) return null;
        var post = await http.PostAsync(new Uri(page, WebUtility.HtmlDecode(action.Groups[1].Value)), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email ?? throw new InvalidOperationException("The IdP asks for a sign-in but no email was given"),
            ["password"] = password,
        }));
        return new Uri(page, post.Headers.Location ?? throw new InvalidOperationException("The IdP refused the login: " + await post.Content.ReadAsStringAsync()));
    }

    /// <summary>The whole sign-in; returns the portal's final response location (e.g. "/" or "/not-invited").</summary>
    public async Task<string> SignInAsync(string portalUrl, string email, string startPath = "/sign-in")
    {
        var callback = await SignInAtIdpAsync(portalUrl, email, startPath: startPath);
        var response = await Client.GetAsync(callback);
        return response.Headers.Location?.ToString() ?? $"(status {(int)response.StatusCode})";
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
