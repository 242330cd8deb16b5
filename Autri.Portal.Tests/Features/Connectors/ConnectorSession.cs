using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Autri.Portal.Tests.Support;

namespace Autri.Portal.Tests.Features.Connectors;

/// <summary>
/// A person signed in through the real dev IdP, using the connector pages the way the browser does:
/// GET a page, POST its static-SSR form (the _handler field names the form, the antiforgery token comes from the page).
/// </summary>
internal sealed class ConnectorSession : IDisposable
{
    private readonly HttpSignIn _browser;

    private ConnectorSession(HttpSignIn browser, string portalUrl, string email)
    {
        _browser = browser;
        PortalUrl = portalUrl;
        Email = email;
    }

    public string PortalUrl { get; }

    public string Email { get; }

    public HttpClient Client => _browser.Client;

    public static async Task<ConnectorSession> SignInAsync(PortalStack stack, string? email = null, bool allow = true)
    {
        email ??= PortalStack.UniqueEmail("conn");
        if (allow) await stack.AllowAsync(email);
        var browser = new HttpSignIn();
        Assert.Equal("/", await browser.SignInAsync(stack.Portal.Url, email));
        return new ConnectorSession(browser, stack.Portal.Url, email);
    }

    public async Task<Page> GetAsync(string path) => await Page.ReadAsync(await Client.GetAsync(PortalUrl + path));

    /// <summary>POSTs a page's form, with an antiforgery token taken from <paramref name="tokenFrom"/> (default: the same path).</summary>
    public async Task<Page> PostAsync(string path, string formName, IDictionary<string, string> fields, string? tokenFrom = null)
    {
        var token = await AntiforgeryTokenAsync(tokenFrom ?? path);
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token };
        return await Page.ReadAsync(await Client.PostAsync(PortalUrl + path, new FormUrlEncodedContent(body)));
    }

    public async Task<string> AntiforgeryTokenAsync(string path)
    {
        var page = await GetAsync(path);
        return page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {path} ({(int)page.Status})");
    }

    /// <summary>Creates a connector through the create form and returns what the shown-once page shows.</summary>
    public async Task<Created> CreateAsync(string name, string kind = "oauth_client", string expiry = "never")
    {
        var form = await GetAsync("/connectors/new");
        var library = form.Document.QuerySelector("#f-library option")!.GetAttribute("value")!;
        var page = await PostAsync("/connectors/new", "create-connector", new Dictionary<string, string>
        {
            ["Form.Name"] = name, ["Form.LibraryId"] = library, ["Form.Kind"] = kind, ["Form.Expiry"] = expiry,
        });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var secret = page.Document.QuerySelector("#secret-value")?.GetAttribute("value") ?? throw new InvalidOperationException("No secret shown: " + page.Text("#error-summary"));
        var next = page.Document.QuerySelector("a[href$='/setup']")!.GetAttribute("href")!;
        var id = Guid.Parse(next.Split('/')[2]);
        return new Created(id, secret, page.Document.QuerySelector("#client-id")?.GetAttribute("value"), page);
    }

    public void Dispose() => _browser.Dispose();

    public sealed record Created(Guid Id, string Secret, string? ClientId, Page Page);

    public sealed record Page(HttpStatusCode Status, HttpResponseMessage Response, string Html, IDocument Document)
    {
        public static async Task<Page> ReadAsync(HttpResponseMessage response)
        {
            var html = await response.Content.ReadAsStringAsync();
            return new Page(response.StatusCode, response, html, new HtmlParser().ParseDocument(html));
        }

        public string? Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim();

        public string? CacheControl => Response.Headers.CacheControl?.ToString();

        /// <summary>Path and query of a redirect (static SSR answers with an absolute Location).</summary>
        public string? RedirectPath => Response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.ToString()) : null;

        /// <summary>The visible text of the page, entities decoded.</summary>
        public string BodyText => Document.Body?.TextContent ?? "";
    }
}
