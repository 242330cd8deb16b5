namespace Autri.Testing.Web;

/// <summary>
/// A person signed in to the portal through the real dev IdP, using its pages the way a browser without script
/// does: GET a page, POST its static-SSR form (the <c>_handler</c> field names the form, the antiforgery token comes
/// from the page), follow the redirect.
/// </summary>
public sealed class PortalSession : IDisposable
{
    private readonly HttpSignIn _http;
    private readonly bool _ownsClient;

    private PortalSession(HttpSignIn http, string portalUrl, string email, bool ownsClient = true)
    {
        _http = http;
        _ownsClient = ownsClient;
        PortalUrl = portalUrl.TrimEnd('/');
        Email = email;
    }

    public string PortalUrl { get; }

    public string Email { get; }

    public HttpClient Client => _http.Client;

    public CookieContainer Cookies => _http.Cookies;

    /// <summary>Signs in and checks where the portal sent the person (the dashboard, unless the test expects otherwise).</summary>
    /// <param name="handler">The client's handler, when the test needs one of its own (default: a plain one).</param>
    public static async Task<PortalSession> SignInAsync(string portalUrl, string email, string expectedLanding = "/", SocketsHttpHandler? handler = null)
    {
        var http = handler is null ? new HttpSignIn() : new HttpSignIn(handler);
        var landed = await http.SignInAsync(portalUrl, email);
        if (landed != expectedLanding)
        {
            http.Dispose();
            throw new InvalidOperationException($"{email} landed on {landed}, not {expectedLanding}");
        }
        return new PortalSession(http, portalUrl, email);
    }

    /// <summary>
    /// The same session at another instance of the same deployment (cookies are per host, not per port, and the key ring
    /// is shared); it uses this session's client, which stays this session's to dispose.
    /// </summary>
    public PortalSession At(string otherPortalUrl) => new(_http, otherPortalUrl, Email, ownsClient: false);

    public async Task<Page> GetAsync(string path) => await Page.ReadAsync(await Client.GetAsync(PortalUrl + path));

    /// <summary>Posts the form named <paramref name="formName"/> on <paramref name="page"/>, with some fields changed.</summary>
    public async Task<Page> SubmitAsync(Page page, string formName, Action<FormFields>? fill = null)
    {
        var form = page.Form(formName);
        var fields = FormFields.Of(form);
        fill?.Invoke(fields);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Path;
        return await Page.ReadAsync(await Client.PostAsync(PortalUrl + action, new FormUrlEncodedContent(fields.Pairs)));
    }

    /// <summary>POSTs to a page's form by name with exactly these fields, the antiforgery token taken from <paramref name="tokenFrom"/> (default: the same path).</summary>
    public async Task<Page> PostAsync(string path, string formName, IDictionary<string, string> fields, string? tokenFrom = null)
    {
        var token = await AntiforgeryTokenAsync(tokenFrom ?? path);
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token };
        return await Page.ReadAsync(await Client.PostAsync(PortalUrl + path, new FormUrlEncodedContent(body)));
    }

    public async Task<string> AntiforgeryTokenAsync(string path)
    {
        var page = await GetAsync(path);
        return page.AntiforgeryToken ?? throw new InvalidOperationException($"No antiforgery token on {path} ({(int)page.Status})");
    }

    /// <summary>Follows a redirect (post/redirect/get).</summary>
    public async Task<Page> FollowAsync(Page page)
    {
        if (page.Status is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            throw new InvalidOperationException($"Expected a redirect, got {(int)page.Status}: {page.Text[..Math.Min(400, page.Text.Length)]}");
        return await GetAsync(page.Location!);
    }

    public void Dispose()
    {
        if (_ownsClient) _http.Dispose();
    }
}
